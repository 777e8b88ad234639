package dev.sluice.executor.stream;

/**
 * How a keyed operator turns a key (its normalized column values, see {@link Keys}) into the bytes
 * of its state key. The state of a persistent query is looked up by these bytes for as long as the
 * query lives, so a query keeps the encoding it started with.
 */
@FunctionalInterface
public interface StateKeyEncoder {
    /**
     * The encoding of queries created before keys became memcomparable: {@link ValueCodec} bytes,
     * deterministic but not ordered like the SQL values.
     */
    StateKeyEncoder VALUE_CODEC = ValueCodec::encodeRow;

    /** @param values the key's normalized values; not modified */
    byte[] encode(Object[] values);
}
