package dev.sluice.executor.codec;

/**
 * Maps a key to a partition: murmur2 of the key bytes, as Apache Kafka's default partitioner does,
 * so that a topic written by Sluice and read by a Kafka client (or the other way round) agrees on
 * where each key lives. Keys are {@link KeyCodec} bytes, so equal SQL keys always share a partition.
 */
public final class Partitioner {
    private Partitioner() {}

    public static int partition(byte[] key, int partitions) {
        if (partitions <= 0) {
            throw new IllegalArgumentException("partitions must be positive: " + partitions);
        }
        return (murmur2(key) & 0x7fffffff) % partitions;
    }

    /** MurmurHash2, 32-bit, seed 0x9747b28c (the variant Kafka uses). */
    static int murmur2(byte[] data) {
        final int m = 0x5bd1e995;
        final int r = 24;
        int length = data.length;
        int h = 0x9747b28c ^ length;
        int blocks = length / 4;
        for (int i = 0; i < blocks; i++) {
            int at = i * 4;
            int k = (data[at] & 0xff)
                    + ((data[at + 1] & 0xff) << 8)
                    + ((data[at + 2] & 0xff) << 16)
                    + ((data[at + 3] & 0xff) << 24);
            k *= m;
            k ^= k >>> r;
            k *= m;
            h *= m;
            h ^= k;
        }
        int tail = blocks * 4;
        switch (length % 4) {
            case 3:
                h ^= (data[tail + 2] & 0xff) << 16;
            // fall through
            case 2:
                h ^= (data[tail + 1] & 0xff) << 8;
            // fall through
            case 1:
                h ^= data[tail] & 0xff;
                h *= m;
                break;
            default:
                break;
        }
        h ^= h >>> 13;
        h *= m;
        h ^= h >>> 15;
        return h;
    }
}
