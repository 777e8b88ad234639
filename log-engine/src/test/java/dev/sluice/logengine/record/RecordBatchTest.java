package dev.sluice.logengine.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class RecordBatchTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void headerLayoutMatchesKafkaV2() {
        assertEquals(61, RecordBatch.HEADER_SIZE);
        assertEquals(17, RecordBatch.CRC_OFFSET);
        assertEquals(21, RecordBatch.ATTRIBUTES_OFFSET);
        assertEquals(57, RecordBatch.RECORDS_COUNT_OFFSET);
    }

    @Test
    void roundTripsRecordsWithKeysValuesHeadersAndChangeKinds() {
        RecordBatch batch = RecordBatchBuilder.create()
                .producer(7, (short) 2, 10)
                .append(1000, (byte) 0, b("k1"), b("v1"))
                .append(1005, (byte) 3, (byte[]) null, (byte[]) null)
                .append(
                        999,
                        (byte) 2,
                        ByteBuffer.wrap(b("k3")),
                        ByteBuffer.wrap(new byte[0]),
                        List.of(new Header("h", b("x")), new Header("n", null)))
                .build();
        batch.ensureValid();
        assertEquals(0, batch.baseOffset());
        assertEquals(2, batch.lastOffset());
        assertEquals(3, batch.recordCount());
        assertEquals(1000, batch.baseTimestamp());
        assertEquals(1005, batch.maxTimestamp());
        assertEquals(7, batch.producerId());
        assertEquals(2, batch.producerEpoch());
        assertEquals(10, batch.baseSequence());
        assertEquals(12, batch.lastSequence());
        List<Record> rs = batch.records();
        assertArrayEquals(b("k1"), rs.get(0).keyBytes());
        assertArrayEquals(b("v1"), rs.get(0).valueBytes());
        assertEquals(0, rs.get(0).changeKind());
        assertNull(rs.get(1).key());
        assertTrue(rs.get(1).isTombstone());
        assertEquals(3, rs.get(1).changeKind());
        assertEquals(1005, rs.get(1).timestamp());
        assertEquals(999, rs.get(2).timestamp());
        assertEquals(0, rs.get(2).valueBytes().length);
        assertEquals(2, rs.get(2).headers().size());
        assertEquals("h", rs.get(2).headers().get(0).key());
        assertArrayEquals(b("x"), rs.get(2).headers().get(0).value());
        assertNull(rs.get(2).headers().get(1).value());
    }

    @Test
    void crcIsCrc32cOverAttributesToEnd() {
        RecordBatch batch =
                RecordBatchBuilder.create().append(1, (byte) 1, b("k"), b("v")).build();
        ByteBuffer buf = batch.buffer();
        CRC32C crc = new CRC32C();
        crc.update(buf.duplicate().position(21));
        assertEquals(crc.getValue(), batch.checksum());
        // the base offset is outside the CRC: rewriting it keeps the batch valid
        RecordBatch.setBaseOffset(buf, 12345);
        RecordBatch moved = RecordBatch.wrap(buf);
        assertEquals(12345, moved.baseOffset());
        assertTrue(moved.isValid());
        assertEquals(12345, moved.records().get(0).offset());
    }

    @Test
    void everyFlippedBitInsideTheCrcRangeIsDetected() {
        RecordBatch batch = RecordBatchBuilder.create()
                .append(1, (byte) 0, b("key"), b("value"))
                .build();
        for (int pos = 21; pos < batch.sizeInBytes(); pos++) {
            ByteBuffer copy =
                    ByteBuffer.allocate(batch.sizeInBytes()).put(batch.buffer()).flip();
            copy.put(pos, (byte) (copy.get(pos) ^ 0x10));
            RecordBatch bad = RecordBatch.wrap(copy);
            assertFalse(bad.isValid(), "flip at " + pos);
            assertThrows(CorruptRecordException.class, bad::ensureValid);
        }
    }

    @Test
    void rejectsChangeKindsOutsideZeroToThree() {
        assertThrows(IllegalArgumentException.class, () -> RecordBatchBuilder.create()
                .append(1, (byte) 4, b("k"), b("v")));
    }

    @Test
    void wrapRejectsImpossibleHeaders() {
        assertThrows(CorruptRecordException.class, () -> RecordBatch.wrap(ByteBuffer.allocate(20)));
        RecordBatch batch =
                RecordBatchBuilder.create().append(1, (byte) 0, b("k"), b("v")).build();
        ByteBuffer truncated = batch.buffer().limit(batch.sizeInBytes() - 1);
        assertThrows(CorruptRecordException.class, () -> RecordBatch.wrap(truncated));
        ByteBuffer badMagic =
                ByteBuffer.allocate(batch.sizeInBytes()).put(batch.buffer()).flip();
        badMagic.put(RecordBatch.MAGIC_OFFSET, (byte) 1);
        assertThrows(CorruptRecordException.class, () -> RecordBatch.wrap(badMagic));
    }

    @Test
    void splitAllStopsAtAPartialTrailingBatch() {
        RecordBatch a =
                RecordBatchBuilder.create().append(1, (byte) 0, b("a"), b("1")).build();
        RecordBatch c =
                RecordBatchBuilder.create().append(2, (byte) 0, b("c"), b("2")).build();
        ByteBuffer both = ByteBuffer.allocate(a.sizeInBytes() + c.sizeInBytes());
        both.put(a.buffer()).put(c.buffer()).flip();
        assertEquals(2, RecordBatch.splitAll(both).size());
        assertEquals(1, RecordBatch.splitAll(both.limit(both.limit() - 3)).size());
    }

    @Test
    void controlMarkersCarryTheirType() {
        RecordBatch commit = ControlRecordType.COMMIT.markerBatch(5, (short) 1, 0, 100);
        assertTrue(commit.isControl());
        assertTrue(commit.isTransactional());
        assertEquals(
                ControlRecordType.COMMIT,
                ControlRecordType.fromKey(commit.records().get(0).key()));
        RecordBatch abort = ControlRecordType.ABORT.markerBatch(5, (short) 1, 0, 100);
        assertEquals(
                ControlRecordType.ABORT,
                ControlRecordType.fromKey(abort.records().get(0).key()));
    }

    @Test
    void varintsRoundTripAtTheEdges() {
        Random r = new Random(42);
        ByteBuffer buf = ByteBuffer.allocate(16);
        int[] ints = {0, 1, -1, 63, 64, -64, -65, Integer.MAX_VALUE, Integer.MIN_VALUE, r.nextInt()};
        for (int v : ints) {
            buf.clear();
            Varints.writeVarint(v, buf);
            assertEquals(Varints.sizeOfVarint(v), buf.position());
            buf.flip();
            assertEquals(v, Varints.readVarint(buf));
        }
        long[] longs = {0, -1, Long.MAX_VALUE, Long.MIN_VALUE, r.nextLong()};
        for (long v : longs) {
            buf.clear();
            Varints.writeVarlong(v, buf);
            assertEquals(Varints.sizeOfVarlong(v), buf.position());
            buf.flip();
            assertEquals(v, Varints.readVarlong(buf));
        }
    }

    @Test
    void deleteHorizonStoresRecordTimestampsRelativeToIt() {
        RecordBatch batch = RecordBatchBuilder.create()
                .deleteHorizon(50_000)
                .append(1000, (byte) 0, b("k"), (byte[]) null)
                .build();
        assertTrue(batch.hasDeleteHorizon());
        assertEquals(50_000, batch.deleteHorizonMs());
        assertEquals(1000, batch.records().get(0).timestamp());
    }
}
