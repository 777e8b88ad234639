/**
 * Byte formats for rows: {@link dev.sluice.executor.codec.RowCodec} (the compact value format of
 * rows in the log and in state) and {@link dev.sluice.executor.codec.KeyCodec} (memcomparable keys:
 * byte order equals SQL order, for RocksDB state and for hashing keys to partitions).
 *
 * <p>Both formats are versioned or self-delimiting so that stored data stays readable as the code
 * evolves; both are pure functions of a {@link dev.sluice.common.types.Schema} and a {@link
 * dev.sluice.common.Row}.
 */
package dev.sluice.executor.codec;
