package dev.sluice.logengine;

/**
 * When appended data is fsynced ({@code log.flush}). Every policy acknowledges only after the batch is
 * written to the file, so acknowledged data survives a process crash (kill -9); only {@link #ALWAYS}
 * also survives a power loss.
 */
public enum FlushPolicy {
    /** fsync before acknowledging, with group commit: one fsync covers every batch that waited for it. */
    ALWAYS,
    /** fsync every {@code flushIntervalMs}. */
    INTERVAL,
    /** leave it to the operating system's write-back. */
    OS
}
