package dev.sluice.logengine.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast LZ4 and zstd paths write frames the libraries' stream readers (what Kafka uses) read, and
 * read the frames the libraries' stream writers produce, including features the fast path hands back
 * to the stream reader (checksums, content size, frames without a content size).
 */
class CompressionInteropTest {
    /** Records section of a batch: {@code records} records, half of them compressible, some random. */
    static RecordBatch plain(int records) {
        Random rnd = new Random(records);
        RecordBatchBuilder b = RecordBatchBuilder.create();
        for (int i = 0; i < records; i++) {
            byte[] v = new byte[100];
            if (i % 2 == 0) {
                rnd.nextBytes(v);
            } else {
                java.util.Arrays.fill(v, (byte) ('a' + i % 26));
            }
            b.append(1000 + i, (byte) 0, ("k" + i).getBytes(), v);
        }
        return b.build();
    }

    static byte[] recordsSection(RecordBatch batch) {
        ByteBuffer b = batch.buffer().position(RecordBatch.RECORDS_OFFSET);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    /** A batch like {@code template} whose records blob is {@code blob} (codec bits kept), resealed. */
    static RecordBatch withBlob(RecordBatch template, byte[] blob) {
        int size = RecordBatch.HEADER_SIZE + blob.length;
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(template.buffer().limit(RecordBatch.HEADER_SIZE)).put(blob).flip();
        out.putInt(RecordBatch.LENGTH_OFFSET, size - RecordBatch.LOG_OVERHEAD);
        CRC32C crc = new CRC32C();
        crc.update(out.duplicate().position(RecordBatch.ATTRIBUTES_OFFSET));
        out.putInt(RecordBatch.CRC_OFFSET, (int) crc.getValue());
        return RecordBatch.wrap(out);
    }

    static void assertSameRecords(RecordBatch expected, RecordBatch actual) {
        List<Record> a = expected.records();
        List<Record> b = actual.records();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).valueBytes(), b.get(i).valueBytes());
            assertEquals(a.get(i).offset(), b.get(i).offset());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 300, 2000}) // 2000 records ≈ 230 KiB: several 64 KiB LZ4 blocks
    void lz4FramesReadBothWays(int records) throws IOException {
        RecordBatch plain = plain(records);
        RecordBatch ours = plain.withCompression(CompressionType.LZ4);
        byte[] decodedByLibrary = readAll(new LZ4FrameInputStream(new ByteArrayInputStream(recordsSection(ours))));
        assertArrayEquals(recordsSection(plain), decodedByLibrary);
        for (LZ4FrameOutputStream.FLG.Bits[] flags : List.of(
                new LZ4FrameOutputStream.FLG.Bits[] {LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE},
                new LZ4FrameOutputStream.FLG.Bits[] {
                    LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE,
                    LZ4FrameOutputStream.FLG.Bits.BLOCK_CHECKSUM,
                    LZ4FrameOutputStream.FLG.Bits.CONTENT_CHECKSUM
                })) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (OutputStream out = new LZ4FrameOutputStream(bytes, LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB, flags)) {
                out.write(recordsSection(plain));
            }
            assertSameRecords(plain, withBlob(ours, bytes.toByteArray()));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 300, 2000})
    void zstdFramesReadBothWays(int records) throws IOException {
        RecordBatch plain = plain(records);
        RecordBatch ours = plain.withCompression(CompressionType.ZSTD);
        byte[] decodedByLibrary =
                readAll(new ZstdInputStreamNoFinalizer(new ByteArrayInputStream(recordsSection(ours))));
        assertArrayEquals(recordsSection(plain), decodedByLibrary);
        // A streamed frame has no content size (Kafka's producer writes these).
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new ZstdOutputStreamNoFinalizer(bytes)) {
            byte[] raw = recordsSection(plain);
            out.write(raw, 0, raw.length / 2);
            out.flush();
            out.write(raw, raw.length / 2, raw.length - raw.length / 2);
        }
        assertSameRecords(plain, withBlob(ours, bytes.toByteArray()));
    }
}
