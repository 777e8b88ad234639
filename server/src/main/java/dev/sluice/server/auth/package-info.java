/**
 * Server-side users: {@link dev.sluice.server.auth.FileUserStore} keeps SCRAM-SHA-256 verifiers in
 * the data directory for pg-wire's trust / password / SCRAM-SHA-256 authentication ({@code sluice
 * server --auth}), and {@code sluice user add} changes them while the server is stopped.
 */
package dev.sluice.server.auth;
