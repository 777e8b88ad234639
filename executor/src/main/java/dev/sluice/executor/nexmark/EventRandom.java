package dev.sluice.executor.nexmark;

/**
 * The random numbers of one event: a SplitMix64 sequence re-seeded from (seed, event index) at the
 * start of every event, so an event's contents do not depend on which events came before it. That
 * is what lets a generator be split into partitions and seek to any event.
 *
 * <p>Flink's generator allocates a {@code java.util.Random(eventId)} per event instead; one mutable
 * instance re-seeded in place costs nothing.
 */
final class EventRandom {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    /** Starts the sequence of {@code eventIndex} under {@code seed}. */
    void reset(long seed, long eventIndex) {
        state = mix64(seed * GOLDEN_GAMMA + mix64(eventIndex));
    }

    long nextLong() {
        state += GOLDEN_GAMMA;
        return mix64(state);
    }

    /** Uniform in [0, bound), bound &gt; 0; multiply-shift rather than a division. */
    int nextInt(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** Uniform in [0, bound), bound &gt; 0. */
    long nextLong(long bound) {
        if (bound <= Integer.MAX_VALUE) {
            return nextInt((int) bound);
        }
        return (nextLong() >>> 1) % bound;
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** The SplitMix64 finaliser (Stafford's variant 13). */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
