/**
 * Authentication: trust, cleartext password, SCRAM-SHA-256. Users live in a {@link
 * dev.sluice.pgwire.auth.UserStore} that keeps only salted, iterated SCRAM verifiers.
 */
package dev.sluice.pgwire.auth;
