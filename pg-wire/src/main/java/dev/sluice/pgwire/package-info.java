/**
 * The PostgreSQL v3 wire protocol on Netty. Depends on common only; it calls an engine interface that the server implements.
 */
package dev.sluice.pgwire;
