/** Framing and message encoding of the PostgreSQL v3 protocol (no state, no threads). */
package dev.sluice.pgwire.protocol;
