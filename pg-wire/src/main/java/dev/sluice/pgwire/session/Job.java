package dev.sluice.pgwire.session;

import dev.sluice.pgwire.protocol.FrontendMessage;

/**
 * Work that spans several pump passes: a statement streaming rows, waiting for rows, or reading
 * COPY data. While a job is active the session reads no other message (PostgreSQL processes one
 * message at a time); it is resumed when rows arrive, the socket drains, a timer fires or — when it
 * {@link #wantsInput()} — a message arrives.
 */
interface Job {
    /** Makes progress; true when finished and all its messages are written. */
    boolean resume();

    /** True while the job consumes the next client message (COPY FROM STDIN). */
    default boolean wantsInput() {
        return false;
    }

    /** Hands the job the next client message; only called when {@link #wantsInput()}. */
    default void offer(FrontendMessage message) {
        throw new IllegalStateException("job does not take input");
    }

    /** The session ends: release what the job holds, write nothing. */
    void abandon();
}
