package dev.sluice.executor.stream;

import dev.sluice.executor.codec.Partitioner;

/**
 * Where an exchange by key sends a row: the partition of a repartition topic that the row's key
 * hashes to. Equal SQL keys must land in the same partition in every run (the task owning a
 * partition holds the state of its keys), so the key is normalized as group keys are ({@link Keys}),
 * encoded as state keys are ({@link ValueCodec#encodeRow}) and hashed with murmur2 ({@link
 * Partitioner}); Java's identity hash codes would differ between runs.
 */
public final class ExchangeHash {
    private ExchangeHash() {}

    public static int partition(Object[] row, int[] keys, int partitions) {
        Object[] values = new Object[keys.length];
        for (int i = 0; i < keys.length; i++) {
            values[i] = Keys.normalize(row[keys[i]]);
        }
        return Partitioner.partition(ValueCodec.encodeRow(values), partitions);
    }
}
