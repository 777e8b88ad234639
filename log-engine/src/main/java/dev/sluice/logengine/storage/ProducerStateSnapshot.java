package dev.sluice.logengine.storage;

import dev.sluice.logengine.record.CorruptRecordException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Producer-state snapshot file {@code <offset>.snapshot}: the state of {@link ProducerStateManager}
 * after applying every batch below {@code offset}. Written tmp -> fsync -> rename at segment roll and
 * clean shutdown.
 *
 * <pre>
 * version int16 (1) | offset int64 | producerCount int32
 *   per producer: producerId int64 | epoch int16 | txnFirstOffset int64 | lastTimestamp int64 |
 *                 batchCount int32 | per batch: firstSeq int32 | lastSeq int32 | firstOffset int64 |
 *                 lastOffset int64 | timestamp int64
 * abortedCount int32 | per aborted txn: producerId int64 | firstOffset int64 | lastOffset int64
 * crc32c int32 of everything before it
 * </pre>
 */
final class ProducerStateSnapshot {
    static final short VERSION = 1;

    private ProducerStateSnapshot() {}

    static void write(Path file, ProducerStateManager state, long offset) throws IOException {
        int size = 2 + 8 + 4 + 4 + 4;
        for (ProducerStateManager.Entry e : state.producers.values()) {
            size += 8 + 2 + 8 + 8 + 4 + e.batches.size() * 32;
        }
        size += state.aborted.size() * 24;
        ByteBuffer b = ByteBuffer.allocate(size);
        b.putShort(VERSION).putLong(offset).putInt(state.producers.size());
        for (ProducerStateManager.Entry e : state.producers.values()) {
            b.putLong(e.producerId)
                    .putShort(e.epoch)
                    .putLong(e.currentTxnFirstOffset)
                    .putLong(e.lastTimestamp);
            b.putInt(e.batches.size());
            for (ProducerStateManager.BatchMetadata m : e.batches) {
                b.putInt(m.firstSeq())
                        .putInt(m.lastSeq())
                        .putLong(m.firstOffset())
                        .putLong(m.lastOffset());
                b.putLong(m.timestamp());
            }
        }
        b.putInt(state.aborted.size());
        for (ProducerStateManager.AbortedTxn a : state.aborted) {
            b.putLong(a.producerId()).putLong(a.firstOffset()).putLong(a.lastOffset());
        }
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.position());
        b.putInt((int) crc.getValue());
        CheckpointFile.writeAtomically(file, b.array());
    }

    /** Loads a snapshot into {@code state} (which is cleared first); returns its offset. */
    static long read(Path file, ProducerStateManager state) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < 22) {
            throw new CorruptRecordException("snapshot " + file + " too short");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if ((int) crc.getValue() != b.getInt(bytes.length - 4)) {
            throw new CorruptRecordException("snapshot " + file + " has a bad CRC");
        }
        if (b.getShort() != VERSION) {
            throw new CorruptRecordException("snapshot " + file + " has an unknown version");
        }
        state.clear();
        long offset = b.getLong();
        int producers = b.getInt();
        for (int i = 0; i < producers; i++) {
            ProducerStateManager.Entry e = new ProducerStateManager.Entry(b.getLong(), b.getShort());
            e.currentTxnFirstOffset = b.getLong();
            e.lastTimestamp = b.getLong();
            int n = b.getInt();
            for (int j = 0; j < n; j++) {
                e.batches.addLast(new ProducerStateManager.BatchMetadata(
                        b.getInt(), b.getInt(), b.getLong(), b.getLong(), b.getLong()));
            }
            state.producers.put(e.producerId, e);
            if (e.currentTxnFirstOffset >= 0) {
                state.ongoing.put(e.currentTxnFirstOffset, e.producerId);
            }
        }
        int aborted = b.getInt();
        for (int i = 0; i < aborted; i++) {
            state.aborted.add(new ProducerStateManager.AbortedTxn(b.getLong(), b.getLong(), b.getLong()));
        }
        return offset;
    }
}
