package dev.sluice.logengine.record;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.xerial.snappy.SnappyInputStream;
import org.xerial.snappy.SnappyOutputStream;

/**
 * Record-batch compression codecs, Kafka's ids and stream formats (attributes bits 0-2), so a compressed
 * batch is byte-compatible with a Kafka broker and consumer. When a batch is compressed, everything
 * after {@code recordsCount} (the records) is one compressed blob and the CRC covers the compressed
 * bytes.
 *
 * <ul>
 *   <li>gzip: the JDK's GZIP stream.
 *   <li>snappy: xerial's framed stream ({@code SnappyOutputStream}), as Kafka writes it.
 *   <li>lz4: the LZ4 frame format, 64 KiB independent blocks, no checksums (the batch CRC covers it),
 *       as Kafka's {@code Lz4BlockOutputStream} writes it.
 *   <li>zstd: a standard zstd frame (zstd-jni, as Kafka).
 * </ul>
 */
public enum CompressionType {
    NONE(0, "none"),
    GZIP(1, "gzip"),
    SNAPPY(2, "snappy"),
    LZ4(3, "lz4"),
    ZSTD(4, "zstd");

    /** A compressed batch that would inflate beyond this is treated as corrupt (a decompression bomb). */
    public static final int MAX_DECOMPRESSED_BYTES = 256 << 20;

    private final int id;
    private final String configName;

    CompressionType(int id, String configName) {
        this.id = id;
        this.configName = configName;
    }

    /** The codec id in attributes bits 0-2. */
    public int id() {
        return id;
    }

    /** The topic-config name: none, gzip, snappy, lz4, zstd. */
    public String configName() {
        return configName;
    }

    public static CompressionType forId(int id) {
        for (CompressionType t : values()) {
            if (t.id == id) {
                return t;
            }
        }
        throw new CorruptRecordException("unknown compression codec " + id);
    }

    /** Parses a topic config value (case-insensitive); throws IllegalArgumentException for others. */
    public static CompressionType forName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (CompressionType t : values()) {
            if (t.configName.equals(n)) {
                return t;
            }
        }
        throw new IllegalArgumentException(
                "compression must be one of none, gzip, snappy, lz4, zstd; got '" + name + "'");
    }

    /** Compresses {@code length} bytes of {@code src} from {@code offset}. */
    byte[] compress(byte[] src, int offset, int length) {
        if (this == NONE) {
            byte[] out = new byte[length];
            System.arraycopy(src, offset, out, 0, length);
            return out;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(64, length / 2));
        try (OutputStream out = wrap(bytes)) {
            out.write(src, offset, length);
        } catch (IOException e) {
            throw new IllegalStateException(configName + " compression failed: " + e, e); // in memory
        }
        return bytes.toByteArray();
    }

    private OutputStream wrap(OutputStream out) throws IOException {
        switch (this) {
            case GZIP:
                return Codecs.Gzip.wrap(out);
            case SNAPPY:
                return Codecs.Snappy.wrap(out);
            case LZ4:
                return Codecs.Lz4.wrap(out);
            case ZSTD:
                return Codecs.Zstd.wrap(out);
            default:
                throw new IllegalStateException("no stream for " + this);
        }
    }

    /**
     * Decompresses a whole blob. Malformed input, a truncated stream or output beyond {@link
     * #MAX_DECOMPRESSED_BYTES} throw {@link CorruptRecordException}, whatever the codec's own error.
     */
    ByteBuffer decompress(ByteBuffer compressed) {
        byte[] in = new byte[compressed.remaining()];
        compressed.duplicate().get(in);
        try (InputStream s = unwrap(new java.io.ByteArrayInputStream(in))) {
            byte[] out = new byte[Math.max(256, in.length * 4)];
            int n = 0;
            while (true) {
                if (n == out.length) {
                    if (out.length >= MAX_DECOMPRESSED_BYTES) {
                        throw new CorruptRecordException(
                                configName + " records inflate beyond " + MAX_DECOMPRESSED_BYTES + " bytes");
                    }
                    out = java.util.Arrays.copyOf(out, (int) Math.min(MAX_DECOMPRESSED_BYTES, out.length * 2L));
                }
                int r = s.read(out, n, out.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
            return ByteBuffer.wrap(out, 0, n).slice();
        } catch (CorruptRecordException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CorruptRecordException(configName + " records do not decompress: " + e);
        }
    }

    private InputStream unwrap(InputStream in) throws IOException {
        switch (this) {
            case GZIP:
                return Codecs.Gzip.unwrap(in);
            case SNAPPY:
                return Codecs.Snappy.unwrap(in);
            case LZ4:
                return Codecs.Lz4.unwrap(in);
            case ZSTD:
                return Codecs.Zstd.unwrap(in);
            default:
                throw new IllegalStateException("no stream for " + this);
        }
    }

    /**
     * One holder class per codec library, loaded on first use: the JVM's verifier loads the classes a
     * method's bytecode assigns, so naming the libraries' streams here directly would make every batch
     * (even uncompressed ones) need all three libraries on the class path.
     */
    private static final class Codecs {
        static final class Gzip {
            static OutputStream wrap(OutputStream out) throws IOException {
                return new GZIPOutputStream(out, 8 << 10);
            }

            static InputStream unwrap(InputStream in) throws IOException {
                return new GZIPInputStream(in, 8 << 10);
            }
        }

        static final class Snappy {
            static OutputStream wrap(OutputStream out) {
                return new SnappyOutputStream(out);
            }

            static InputStream unwrap(InputStream in) throws IOException {
                return new SnappyInputStream(in);
            }
        }

        static final class Lz4 {
            static OutputStream wrap(OutputStream out) throws IOException {
                return new LZ4FrameOutputStream(
                        out,
                        LZ4FrameOutputStream.BLOCKSIZE.SIZE_64KB,
                        LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE);
            }

            static InputStream unwrap(InputStream in) throws IOException {
                return new LZ4FrameInputStream(in);
            }
        }

        static final class Zstd {
            static OutputStream wrap(OutputStream out) throws IOException {
                return new ZstdOutputStreamNoFinalizer(out);
            }

            static InputStream unwrap(InputStream in) throws IOException {
                return new ZstdInputStreamNoFinalizer(in);
            }
        }
    }
}
