package dev.sluice.logengine;

/**
 * Which records a fetch may return. {@link #READ_UNCOMMITTED} reads up to the high watermark and
 * returns everything, including transaction markers and aborted data. {@link #READ_COMMITTED} reads up
 * to the last stable offset and the log filters server-side: batches of aborted transactions and
 * control batches are left out (their offsets simply are skipped; use {@link FetchResult#nextOffset()}).
 */
public enum IsolationLevel {
    READ_UNCOMMITTED,
    READ_COMMITTED
}
