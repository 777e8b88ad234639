package dev.sluice.executor.state;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * The current rows of one table or view, by primary key, plus how far each changelog partition has
 * been applied.
 *
 * <p>Layout inside the column family: row keys are {@code KeyCodec} bytes, which always start with
 * {@code 0x00} or {@code 0x01}; progress entries live under {@code 0xFF} + partition (4 bytes), so
 * a scan of rows stops at the first {@code 0xFF} key.
 */
public final class TableState {
    private static final byte PROGRESS_PREFIX = (byte) 0xFF;
    private static final int SCAN_CHUNK = 1024;

    private final RocksDB db;
    private final ColumnFamilyHandle family;

    TableState(RocksDB db, ColumnFamilyHandle family) {
        this.db = db;
        this.family = family;
    }

    /** One change to apply: a row (upsert) or null (delete) for a key. */
    public record Change(byte[] key, StoredValue value) {}

    /**
     * Applies changes and records that {@code partition} is applied up to (excluding) {@code
     * nextOffset}, atomically.
     */
    public void apply(List<Change> changes, int partition, long nextOffset) {
        try (WriteBatch batch = new WriteBatch();
                WriteOptions options = new WriteOptions().setDisableWAL(true)) {
            for (Change c : changes) {
                if (c.key().length > 0 && c.key()[0] == PROGRESS_PREFIX) {
                    throw new IllegalArgumentException("row keys must not start with 0xFF");
                }
                if (c.value() == null) {
                    batch.delete(family, c.key());
                } else {
                    batch.put(family, c.key(), c.value().encode());
                }
            }
            batch.put(
                    family,
                    progressKey(partition),
                    ByteBuffer.allocate(8).putLong(0, nextOffset).array());
            db.write(options, batch);
        } catch (RocksDBException e) {
            throw new StateException("cannot apply changes to state", e);
        }
    }

    public Optional<StoredValue> get(byte[] key) {
        try {
            byte[] value = db.get(family, key);
            return value == null ? Optional.empty() : Optional.of(StoredValue.decode(value));
        } catch (RocksDBException e) {
            throw new StateException("cannot read state", e);
        }
    }

    /** The next offset to apply, per partition that has been applied at all. */
    public Map<Integer, Long> progress() {
        Map<Integer, Long> out = new HashMap<>();
        try (RocksIterator it = db.newIterator(family)) {
            for (it.seek(new byte[] {PROGRESS_PREFIX}); it.isValid(); it.next()) {
                byte[] k = it.key();
                if (k.length != 5 || k[0] != PROGRESS_PREFIX) {
                    break;
                }
                out.put(
                        ByteBuffer.wrap(k).getInt(1),
                        ByteBuffer.wrap(it.value()).getLong(0));
            }
        }
        return out;
    }

    /**
     * Every row in key order. Reads in chunks, each from a fresh iterator, so an abandoned scan holds
     * nothing open; a scan running alongside writes may see some of them.
     */
    public Iterator<Map.Entry<byte[], StoredValue>> scan() {
        return new Iterator<>() {
            private final List<Map.Entry<byte[], StoredValue>> chunk = new ArrayList<>();
            private int at;
            private byte[] lastKey;
            private boolean exhausted;

            @Override
            public boolean hasNext() {
                if (at < chunk.size()) {
                    return true;
                }
                if (exhausted) {
                    return false;
                }
                fill();
                return at < chunk.size();
            }

            private void fill() {
                chunk.clear();
                at = 0;
                try (ReadOptions options = new ReadOptions();
                        RocksIterator it = db.newIterator(family, options)) {
                    if (lastKey == null) {
                        it.seekToFirst();
                    } else {
                        it.seek(lastKey);
                        if (it.isValid() && Arrays.equals(it.key(), lastKey)) {
                            it.next();
                        }
                    }
                    while (it.isValid() && chunk.size() < SCAN_CHUNK) {
                        byte[] k = it.key();
                        if (k.length > 0 && k[0] == PROGRESS_PREFIX) {
                            exhausted = true;
                            break;
                        }
                        chunk.add(Map.entry(k, StoredValue.decode(it.value())));
                        it.next();
                    }
                    if (!it.isValid()) {
                        exhausted = true;
                    }
                }
                if (!chunk.isEmpty()) {
                    lastKey = chunk.get(chunk.size() - 1).getKey();
                }
                if (chunk.size() < SCAN_CHUNK) {
                    exhausted = true;
                }
            }

            @Override
            public Map.Entry<byte[], StoredValue> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return chunk.get(at++);
            }
        };
    }

    /** RocksDB's estimate of the number of rows (progress entries included; exact enough for DESCRIBE). */
    public long estimatedRows() {
        try {
            return db.getLongProperty(family, "rocksdb.estimate-num-keys");
        } catch (RocksDBException e) {
            return -1;
        }
    }

    private static byte[] progressKey(int partition) {
        return ByteBuffer.allocate(5)
                .put(0, PROGRESS_PREFIX)
                .putInt(1, partition)
                .array();
    }
}
