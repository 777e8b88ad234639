/** Connections and sessions: the event-loop handler, the per-session pump, startup, query protocol, jobs. */
package dev.sluice.pgwire.session;
