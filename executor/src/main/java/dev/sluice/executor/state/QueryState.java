package dev.sluice.executor.state;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.BiConsumer;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * A persistent query's committed operator state, kept locally in its own column family ({@code
 * query-<oid>}) so a restart reads the current state from disk instead of replaying the query's whole
 * state changelog.
 *
 * <p>The changelog topic in the log stays the source of truth: a checkpoint commits the state changes
 * there (in the same log transaction as the output and the offsets) and only then applies them here,
 * together with how far into the changelog they reach ({@link #apply}). The WAL is off, so after a
 * crash this holds the state as of some earlier checkpoint, never a later or partial one (one write
 * batch in one column family), and the restore reads the changelog from {@link #appliedOffset} on.
 *
 * <p>While the query runs, its operators read entries they do not hold on the heap from here ({@link
 * #get}), and evict an entry from the heap only once a checkpoint has been applied here that holds
 * its current value (see {@code dev.sluice.executor.stream.StreamOperator#readThrough}).
 */
public final class QueryState {
    /** Not a state key: operator state keys start with the operator's two-byte index. */
    private static final byte[] APPLIED_KEY =
            "\u00ff\u00ff\u00ffapplied-changelog-offset".getBytes(StandardCharsets.ISO_8859_1);

    private final RocksDB db;
    private final ColumnFamilyHandle family;

    QueryState(RocksDB db, ColumnFamilyHandle family) {
        this.db = db;
        this.family = family;
    }

    /**
     * Applies one checkpoint's state changes and records that the changelog is applied up to
     * (excluding) {@code nextOffset}, atomically.
     *
     * @param changes key and value pairs; a null value deletes the key
     */
    public void apply(List<byte[][]> changes, long nextOffset) {
        try (WriteBatch batch = new WriteBatch();
                WriteOptions options = new WriteOptions().setDisableWAL(true)) {
            for (byte[][] c : changes) {
                if (Arrays.equals(c[0], APPLIED_KEY)) {
                    throw new IllegalArgumentException("reserved state key");
                }
                if (c[1] == null) {
                    batch.delete(family, c[0]);
                } else {
                    batch.put(family, c[0], c[1]);
                }
            }
            batch.put(
                    family,
                    APPLIED_KEY,
                    ByteBuffer.allocate(8).putLong(0, nextOffset).array());
            db.write(options, batch);
        } catch (RocksDBException e) {
            throw new StateException("cannot apply query state", e);
        }
    }

    /** How far into the changelog the state here reaches; empty when nothing was applied yet. */
    public OptionalLong appliedOffset() {
        try {
            byte[] v = db.get(family, APPLIED_KEY);
            return v == null
                    ? OptionalLong.empty()
                    : OptionalLong.of(ByteBuffer.wrap(v).getLong());
        } catch (RocksDBException e) {
            throw new StateException("cannot read query state", e);
        }
    }

    /**
     * The value of one state entry, or null: what operators read through to when an entry is not on
     * the heap (see {@code StreamOperator#readThrough}). Reads see every {@link #apply} before them.
     */
    public byte[] get(byte[] key) {
        try {
            return db.get(family, key);
        } catch (RocksDBException e) {
            throw new StateException("cannot read query state", e);
        }
    }

    /**
     * What one operator reads through to: the entries whose keys start with {@code prefix} (its
     * position), keys given without it. Whether any exist is decided now, once: an operator whose
     * state is empty skips reads until it first evicts.
     */
    public dev.sluice.executor.stream.StateReader reader(byte[] prefix) {
        boolean any = hasPrefix(prefix);
        return new dev.sluice.executor.stream.StateReader() {
            @Override
            public byte[] get(byte[] key) {
                byte[] full = Arrays.copyOf(prefix, prefix.length + key.length);
                System.arraycopy(key, 0, full, prefix.length, key.length);
                return QueryState.this.get(full);
            }

            @Override
            public boolean mayHaveEntries() {
                return any;
            }
        };
    }

    /** Whether some state entry's key starts with {@code prefix}. */
    public boolean hasPrefix(byte[] prefix) {
        try (ReadOptions options = new ReadOptions();
                RocksIterator it = db.newIterator(family, options)) {
            for (it.seek(prefix); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (key.length < prefix.length || !Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length)) {
                    return false;
                }
                if (!Arrays.equals(key, APPLIED_KEY)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Every state entry whose key starts with {@code prefix}, in key order. */
    public void forEachWithPrefix(byte[] prefix, BiConsumer<byte[], byte[]> each) {
        try (ReadOptions options = new ReadOptions();
                RocksIterator it = db.newIterator(family, options)) {
            for (it.seek(prefix); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (key.length < prefix.length || !Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length)) {
                    return;
                }
                if (!Arrays.equals(key, APPLIED_KEY)) {
                    each.accept(key, it.value());
                }
            }
        }
    }

    /** Every state entry, in key order. */
    public void forEach(BiConsumer<byte[], byte[]> each) {
        try (ReadOptions options = new ReadOptions();
                RocksIterator it = db.newIterator(family, options)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (!Arrays.equals(key, APPLIED_KEY)) {
                    each.accept(key, it.value());
                }
            }
        }
    }
}
