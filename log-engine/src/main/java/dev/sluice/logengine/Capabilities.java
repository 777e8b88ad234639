package dev.sluice.logengine;

/**
 * What a backend offers, so callers can adapt (for example, the executor only promises exactly-once
 * when {@code transactions} is true).
 */
public record Capabilities(
        String backend, boolean replicated, boolean transactions, boolean compaction, FlushPolicy flushPolicy) {}
