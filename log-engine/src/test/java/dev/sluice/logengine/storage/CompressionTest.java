package dev.sluice.logengine.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.logengine.FetchResult;
import dev.sluice.logengine.FlushPolicy;
import dev.sluice.logengine.IsolationLevel;
import dev.sluice.logengine.MutableClock;
import dev.sluice.logengine.TopicPartition;
import dev.sluice.logengine.TopicSpec;
import dev.sluice.logengine.embedded.EmbeddedLog;
import dev.sluice.logengine.embedded.EmbeddedLogConfig;
import dev.sluice.logengine.record.CompressionType;
import dev.sluice.logengine.record.CorruptRecordException;
import dev.sluice.logengine.record.Header;
import dev.sluice.logengine.record.Record;
import dev.sluice.logengine.record.RecordBatch;
import dev.sluice.logengine.record.RecordBatchBuilder;
import dev.sluice.logengine.record.RecordCursor;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Compressed record batches: every codec, through the builder, the partition log and the disk. */
class CompressionTest {
    static final TopicPartition TP = new TopicPartition("z", 0);

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(1_000_000);
    PartitionLog log;

    @AfterEach
    void closeLog() {
        if (log != null && !log.isClosed()) {
            log.close();
        }
    }

    static String value(int i) {
        return "row-" + i + "-" + "payload ".repeat(10); // repetitive: compresses well
    }

    static RecordBatchBuilder records(int from, int n) {
        RecordBatchBuilder b = RecordBatchBuilder.create();
        for (int i = from; i < from + n; i++) {
            b.append(5_000 + i, (byte) (i % 4), ("k" + i % 7).getBytes(), value(i).getBytes(StandardCharsets.UTF_8));
        }
        return b;
    }

    static List<String> values(List<Record> records) {
        List<String> out = new ArrayList<>();
        for (Record r : records) {
            out.add(r.value() == null ? null : new String(r.valueBytes(), StandardCharsets.UTF_8));
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(
            value = CompressionType.class,
            names = {"GZIP", "SNAPPY", "LZ4", "ZSTD"})
    void aCompressedBatchHoldsTheSameRecordsInFewerBytesUnderItsCrc(CompressionType codec) {
        RecordBatch plain = records(0, 200).build();
        RecordBatch packed = records(0, 200).compression(codec).build();
        packed.ensureValid();
        assertEquals(codec, packed.compressionType());
        assertEquals(codec.id(), packed.attributes() & RecordBatch.COMPRESSION_CODEC_MASK);
        assertTrue(packed.sizeInBytes() < plain.sizeInBytes() / 3, packed.sizeInBytes() + " vs " + plain.sizeInBytes());
        assertEquals(plain.recordCount(), packed.recordCount());
        assertEquals(plain.lastOffsetDelta(), packed.lastOffsetDelta());
        assertEquals(plain.maxTimestamp(), packed.maxTimestamp());
        List<Record> a = plain.records();
        List<Record> b = packed.records();
        assertEquals(values(a), values(b));
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).offset(), b.get(i).offset());
            assertEquals(a.get(i).timestamp(), b.get(i).timestamp());
            assertEquals(a.get(i).changeKind(), b.get(i).changeKind());
            assertArrayEquals(a.get(i).keyBytes(), b.get(i).keyBytes());
        }
        int n = 0;
        for (RecordCursor c = packed.cursor(); c.next(); n++) {
            assertEquals(value(n), new String(c.valueBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(200, n);
        // The CRC covers the compressed bytes: damage anywhere in the blob is caught before decoding.
        for (int pos = RecordBatch.RECORDS_OFFSET; pos < packed.sizeInBytes(); pos += 7) {
            ByteBuffer copy = ByteBuffer.allocate(packed.sizeInBytes())
                    .put(packed.buffer())
                    .flip();
            copy.put(pos, (byte) (copy.get(pos) ^ 0x10));
            assertFalse(RecordBatch.wrap(copy).isValid(), "flip at " + pos);
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = CompressionType.class,
            names = {"GZIP", "SNAPPY", "LZ4", "ZSTD"})
    void aBlobThatDoesNotDecompressIsCorruptEvenWithAMatchingCrc(CompressionType codec) {
        RecordBatch packed = records(0, 50).compression(codec).build();
        ByteBuffer copy =
                ByteBuffer.allocate(packed.sizeInBytes()).put(packed.buffer()).flip();
        // Keep the codec's magic/header bytes, cut the blob short, and re-seal it with a valid CRC.
        int cut = RecordBatch.RECORDS_OFFSET + (packed.sizeInBytes() - RecordBatch.RECORDS_OFFSET) / 2;
        ByteBuffer shorter = copy.duplicate().limit(cut).slice();
        ByteBuffer sealed = ByteBuffer.allocate(cut).put(shorter).flip();
        sealed.putInt(RecordBatch.LENGTH_OFFSET, cut - RecordBatch.LOG_OVERHEAD);
        CRC32C crc = new CRC32C();
        crc.update(sealed.duplicate().position(RecordBatch.ATTRIBUTES_OFFSET));
        sealed.putInt(RecordBatch.CRC_OFFSET, (int) crc.getValue());
        RecordBatch damaged = RecordBatch.wrap(sealed);
        damaged.ensureValid();
        assertThrows(CorruptRecordException.class, damaged::records);
        assertThrows(CorruptRecordException.class, () -> {
            for (RecordCursor c = damaged.cursor(); c.next(); ) {
                // decode everything
            }
        });
    }

    @Test
    void unknownCodecIdsAreCorrupt() {
        RecordBatch plain = records(0, 3).build();
        ByteBuffer copy =
                ByteBuffer.allocate(plain.sizeInBytes()).put(plain.buffer()).flip();
        copy.putShort(RecordBatch.ATTRIBUTES_OFFSET, (short) 6);
        CRC32C crc = new CRC32C();
        crc.update(copy.duplicate().position(RecordBatch.ATTRIBUTES_OFFSET));
        copy.putInt(RecordBatch.CRC_OFFSET, (int) crc.getValue());
        assertThrows(CorruptRecordException.class, () -> RecordBatch.wrap(copy).ensureValid());
        assertEquals(CompressionType.ZSTD, CompressionType.forName("ZSTD"));
        assertThrows(IllegalArgumentException.class, () -> CompressionType.forName("brotli"));
    }

    @Test
    void reencodingKeepsProducerFieldsOffsetGapsTombstonesHeadersAndTheDeleteHorizon() {
        RecordBatch original = RecordBatchBuilder.create()
                .producer(42, (short) 3, 100)
                .transactional(true)
                .deleteHorizon(77_000)
                .appendWithOffsetDelta(
                        0, 80_000, (byte) 1, ByteBuffer.wrap(b("a")), null, List.of(new Header("h", b("x"))))
                .appendWithOffsetDelta(5, 80_500, (byte) 2, ByteBuffer.wrap(b("b")), ByteBuffer.wrap(b("v")), List.of())
                .lastOffsetDelta(9)
                .build();
        for (CompressionType codec : CompressionType.values()) {
            RecordBatch c = original.withCompression(codec);
            c.ensureValid();
            assertEquals(codec, c.compressionType());
            assertEquals(42, c.producerId());
            assertEquals(3, c.producerEpoch());
            assertEquals(100, c.baseSequence());
            assertEquals(109, c.lastSequence());
            assertTrue(c.isTransactional());
            assertEquals(77_000, c.deleteHorizonMs());
            assertEquals(9, c.lastOffsetDelta());
            List<Record> rs = c.records();
            assertEquals(5, rs.get(1).offset());
            assertNull(rs.get(0).value());
            assertEquals(80_000, rs.get(0).timestamp());
            assertEquals("h", rs.get(0).headers().get(0).key());
            assertArrayEquals(b("v"), rs.get(1).valueBytes());
            assertEquals(2, rs.get(1).changeKind());
            // and back
            assertEquals(
                    values(original.records()),
                    values(c.withCompression(CompressionType.NONE).records()));
        }
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    PartitionLog open(CompressionType codec) {
        log = PartitionLog.open(
                TP,
                dir,
                PartitionLogTest.small().withSegment(64 << 10, 600_000).withCompression(codec),
                clock,
                0,
                false);
        return log;
    }

    List<String> readAll() {
        List<String> out = new ArrayList<>();
        long next = log.logStartOffset();
        while (next < log.highWatermark()) {
            FetchResult r = log.read(next, 4096, IsolationLevel.READ_UNCOMMITTED);
            for (RecordBatch batch : r.batches()) {
                assertEquals(log.config().compression(), batch.compressionType(), "stored with the topic's codec");
            }
            out.addAll(values(r.records(next)));
            next = r.nextOffset();
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(
            value = CompressionType.class,
            names = {"GZIP", "SNAPPY", "LZ4", "ZSTD"})
    void aTopicWithACodecStoresEveryBatchWithItAndFetchDecompressesTransparently(CompressionType codec) {
        open(codec);
        List<String> expected = new ArrayList<>();
        long plainBytes = 0;
        for (int i = 0; i < 40; i++) {
            // Clients send uncompressed, idempotent batches, and some already compressed with another codec.
            RecordBatchBuilder b = records(i * 20, 20).producer(9, (short) 0, i * 20);
            RecordBatch batch = (i % 5 == 0 ? b.compression(CompressionType.GZIP) : b).build();
            plainBytes += records(i * 20, 20).build().sizeInBytes();
            log.append(batch);
            for (int j = i * 20; j < i * 20 + 20; j++) {
                expected.add(value(j));
            }
        }
        assertTrue(log.sizeInBytes() < plainBytes / 3, log.sizeInBytes() + " vs " + plainBytes);
        assertEquals(expected, readAll());
        // Idempotence works on the client's batch, whatever the log stored.
        RecordBatch retry = records(39 * 20, 20).producer(9, (short) 0, 39 * 20).build();
        assertTrue(log.append(retry).duplicate());
        log.closeAbruptly();
        open(codec); // recovery re-checks every compressed batch's CRC
        assertEquals(expected, readAll());
        assertTrue(log.append(retry).duplicate());
    }

    @ParameterizedTest
    @EnumSource(
            value = CompressionType.class,
            names = {"GZIP", "LZ4", "ZSTD"})
    void aDamagedCompressedBatchIsNeverServedAndRecoveryCutsTheLogBeforeIt(CompressionType codec) throws Exception {
        open(codec);
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            log.append(records(i * 10, 10).build());
        }
        FetchResult all = log.read(0, 1 << 20, IsolationLevel.READ_UNCOMMITTED);
        for (RecordBatch batch : all.batches()) {
            sizes.add(batch.sizeInBytes());
        }
        assertEquals(10, sizes.size());
        int seventh = sizes.subList(0, 6).stream().mapToInt(Integer::intValue).sum();
        Path file = LogFiles.logFile(dir, 0);
        // Flip a byte inside the 7th batch's compressed blob while the log is open.
        flip(file, seventh + RecordBatch.RECORDS_OFFSET + sizes.get(6) / 2);
        assertThrows(CorruptRecordException.class, () -> log.read(60, 1 << 20, IsolationLevel.READ_UNCOMMITTED));
        List<String> before =
                values(log.read(0, seventh, IsolationLevel.READ_UNCOMMITTED).records(0));
        assertEquals(60, before.size());
        log.closeAbruptly();
        open(codec);
        assertEquals(60, log.logEndOffset(), "cut before the damaged batch");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            expected.add(value(i));
        }
        assertEquals(expected, readAll());
        assertEquals(60, log.append(records(500, 1).build()).baseOffset());
        assertTrue(Files.size(file) > seventh);
    }

    static void flip(Path file, long pos) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(pos);
            int v = f.read();
            f.seek(pos);
            f.write(v ^ 0x5a);
        }
    }

    @Test
    void compactionOfACompressedTopicKeepsTheCodecAndTheLatestValues() {
        log = PartitionLog.open(
                TP,
                dir,
                PartitionLogTest.small().withCompaction(true, 0).withCompression(CompressionType.ZSTD),
                clock,
                0,
                false);
        for (int i = 0; i < 300; i++) {
            log.append(RecordBatchBuilder.create()
                    .append(clock.millis(), (byte) 0, b("k" + i % 5), b("v" + i + "-" + "z".repeat(50)))
                    .append(clock.millis(), (byte) 0, b("other" + i % 3), b("o" + i))
                    .build());
        }
        log.forceRoll();
        assertTrue(new LogCleaner(log).clean() > 0);
        java.util.Map<String, String> latest = new java.util.TreeMap<>();
        long next = log.logStartOffset();
        while (next < log.highWatermark()) {
            FetchResult r = log.read(next, 1 << 20, IsolationLevel.READ_UNCOMMITTED);
            for (RecordBatch batch : r.batches()) {
                assertEquals(CompressionType.ZSTD, batch.compressionType());
            }
            for (Record rec : r.records(next)) {
                latest.put(
                        new String(rec.keyBytes(), StandardCharsets.UTF_8),
                        new String(rec.valueBytes(), StandardCharsets.UTF_8));
            }
            next = r.nextOffset();
        }
        assertEquals("v299-" + "z".repeat(50), latest.get("k4"));
        assertEquals("o299", latest.get("other2"));
        assertEquals(8, latest.size());
    }

    @Test
    void theTopicsCodecIsPersistedAndOldTopicFilesMeanNone() throws Exception {
        Path data = dir.resolve("embedded");
        EmbeddedLogConfig config = EmbeddedLogConfig.defaults().withFlush(FlushPolicy.OS, 50);
        try (EmbeddedLog embedded = EmbeddedLog.open(data, config, clock)) {
            embedded.createTopic("z", TopicSpec.of(1).withCompression(CompressionType.LZ4))
                    .join();
            embedded.createTopic("plain", TopicSpec.of(1)).join();
            embedded.append(TP, records(0, 10).build()).join();
        }
        try (EmbeddedLog embedded = EmbeddedLog.open(data, config, clock)) {
            assertEquals(
                    CompressionType.LZ4,
                    embedded.describeTopic("z").get().spec().compression());
            assertEquals(
                    CompressionType.NONE,
                    embedded.describeTopic("plain").get().spec().compression());
            FetchResult r = embedded.fetch(TP, 0, 1 << 20, IsolationLevel.READ_UNCOMMITTED);
            assertEquals(CompressionType.LZ4, r.batches().get(0).compressionType());
            assertEquals(10, r.records(0).size());
        }
        // A topics.meta line from before compression existed (8 fields) reads as none.
        Path meta = data.resolve("topics.meta");
        List<String> lines = new ArrayList<>(Files.readAllLines(meta));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("plain ")) {
                lines.set(i, lines.get(i).substring(0, lines.get(i).lastIndexOf(' ')));
            }
        }
        CheckpointFile.writeLines(meta, lines.subList(1, lines.size()));
        try (EmbeddedLog embedded = EmbeddedLog.open(data, config, clock)) {
            assertEquals(
                    CompressionType.NONE,
                    embedded.describeTopic("plain").get().spec().compression());
            assertEquals(
                    CompressionType.LZ4,
                    embedded.describeTopic("z").get().spec().compression());
        }
    }
}
