package dev.sluice.logengine.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordCursorTest {
    /** Random records: null and empty keys/values, multi-byte varints, headers, every change kind. */
    static RecordBatch randomBatch(Random rnd, int records) {
        RecordBatchBuilder b = RecordBatchBuilder.create().baseOffset(1_000_000L);
        long ts = 1_700_000_000_000L;
        for (int i = 0; i < records; i++) {
            byte[] key = rnd.nextInt(5) == 0 ? null : new byte[rnd.nextInt(3) == 0 ? rnd.nextInt(300) : 8];
            byte[] value = rnd.nextInt(7) == 0 ? null : new byte[rnd.nextInt(400)];
            if (key != null) {
                rnd.nextBytes(key);
            }
            if (value != null) {
                rnd.nextBytes(value);
            }
            List<Header> headers = new ArrayList<>();
            for (int h = rnd.nextInt(3) == 0 ? rnd.nextInt(3) : 0; h > 0; h--) {
                headers.add(new Header("h" + h, rnd.nextBoolean() ? null : new byte[] {(byte) h}));
            }
            b.append(
                    ts + rnd.nextInt(1_000_000) - 500_000,
                    (byte) rnd.nextInt(4),
                    key == null ? null : ByteBuffer.wrap(key),
                    value == null ? null : ByteBuffer.wrap(value),
                    headers);
        }
        return b.build();
    }

    @Test
    void decodesExactlyWhatTheIteratorDecodes() {
        Random rnd = new Random(11);
        for (int round = 0; round < 50; round++) {
            RecordBatch batch = randomBatch(rnd, 1 + rnd.nextInt(200));
            List<Record> expected = batch.records();
            RecordCursor c = batch.cursor();
            for (Record r : expected) {
                assertEquals(true, c.next());
                assertEquals(r.offset(), c.offset());
                assertEquals(r.timestamp(), c.timestamp());
                assertEquals(r.changeKind(), c.changeKind());
                assertArrayEquals(r.keyBytes(), c.keyBytes());
                assertArrayEquals(r.valueBytes(), c.valueBytes());
                assertEquals(r.key() == null ? -1 : r.key().remaining(), c.keyLength());
                assertEquals(r.value() == null ? -1 : r.value().remaining(), c.valueLength());
                assertEquals(r.headers().size(), c.headerCount());
                if (r.value() != null && r.value().remaining() > 0) {
                    // positions index the batch buffer: the value starts where the record's view starts
                    assertEquals(r.value().get(0), c.buffer().get(c.valuePosition()));
                    byte last = r.value().get(r.value().remaining() - 1);
                    assertEquals(last, c.buffer().get(c.valuePosition() + c.valueLength() - 1));
                }
            }
            assertFalse(c.next());
            assertFalse(c.next());
        }
    }

    @Test
    void aRecordLengthRunningPastTheBatchIsCorrupt() {
        RecordBatch batch = RecordBatchBuilder.create()
                .append(1, (byte) 0, new byte[] {1}, new byte[] {2, 3})
                .build();
        ByteBuffer bytes = batch.buffer();
        bytes.put(RecordBatch.RECORDS_OFFSET, (byte) 120); // zig-zag 60: longer than what follows
        RecordBatch damaged = RecordBatch.wrap(bytes);
        assertThrows(CorruptRecordException.class, () -> damaged.cursor().next());
        assertThrows(CorruptRecordException.class, () -> damaged.iterator().next());
    }

    @Test
    void aFieldLengthRunningPastItsRecordIsCorrupt() {
        RecordBatch batch = RecordBatchBuilder.create()
                .append(1, (byte) 0, new byte[] {1}, new byte[] {2, 3})
                .build();
        ByteBuffer bytes = batch.buffer();
        // record: length, attributes, tsDelta, offsetDelta, keyLength (zig-zag 2 = 1) -> make it 50
        bytes.put(RecordBatch.RECORDS_OFFSET + 4, (byte) 100);
        RecordBatch damaged = RecordBatch.wrap(bytes);
        assertThrows(CorruptRecordException.class, () -> damaged.cursor().next());
    }

    @Test
    void aVarintLongerThanFiveBytesIsCorrupt() {
        RecordBatch batch = RecordBatchBuilder.create()
                .append(1, (byte) 0, new byte[20], new byte[20])
                .build();
        ByteBuffer bytes = batch.buffer();
        for (int i = 0; i < 6; i++) { // the key length and the key's first bytes: all continuation bits
            bytes.put(RecordBatch.RECORDS_OFFSET + 4 + i, (byte) 0x81);
        }
        RecordBatch damaged = RecordBatch.wrap(bytes);
        assertThrows(CorruptRecordException.class, () -> damaged.cursor().next());
    }
}
