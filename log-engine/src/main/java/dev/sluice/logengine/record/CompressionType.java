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
        if (this == LZ4) {
            return Codecs.Lz4.compress(src, offset, length);
        }
        if (this == ZSTD) {
            return Codecs.Zstd.compress(src, offset, length);
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
        if (this == LZ4 || this == ZSTD) {
            try {
                ByteBuffer out = this == LZ4 ? Codecs.Lz4.decompress(in) : Codecs.Zstd.decompress(in);
                if (out != null) {
                    return out;
                }
            } catch (CorruptRecordException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new CorruptRecordException(configName + " records do not decompress: " + e);
            }
            // else: a frame layout the fast path leaves to the library's stream reader
        }
        return decompressStream(in);
    }

    private ByteBuffer decompressStream(byte[] in) {
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

        /**
         * The LZ4 frame format written and read in one go, with one reusable compressor (the library's
         * frame streams allocate two 64 KiB buffers per batch). Layout: magic 0x184D2204 (LE), FLG
         * 0x60 (version 1, independent blocks, no checksums, no content size), BD 0x40 (64 KiB blocks),
         * header checksum (second byte of xxhash32 of FLG..BD), then blocks of {@code size int32 LE
         * (high bit = stored uncompressed), data}, then an end mark of 0. This is what Kafka writes.
         */
        static final class Lz4 {
            static final int MAGIC = 0x184D2204;
            static final int BLOCK = 64 << 10;
            static final net.jpountz.lz4.LZ4Compressor COMPRESSOR =
                    net.jpountz.lz4.LZ4Factory.fastestInstance().fastCompressor();
            static final net.jpountz.lz4.LZ4SafeDecompressor DECOMPRESSOR =
                    net.jpountz.lz4.LZ4Factory.fastestInstance().safeDecompressor();
            static final net.jpountz.xxhash.XXHash32 XXHASH =
                    net.jpountz.xxhash.XXHashFactory.fastestInstance().hash32();

            static byte[] compress(byte[] src, int offset, int length) {
                int bound = 7 + 4; // header, end mark
                for (int done = 0; done < length; done += BLOCK) {
                    bound += 4 + COMPRESSOR.maxCompressedLength(Math.min(BLOCK, length - done));
                }
                byte[] out = new byte[bound];
                ByteBuffer b = ByteBuffer.wrap(out).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                b.putInt(MAGIC).put((byte) 0x60).put((byte) 0x40);
                b.put((byte) ((XXHASH.hash(out, 4, 2, 0) >> 8) & 0xFF));
                for (int done = 0; done < length; done += BLOCK) {
                    int n = Math.min(BLOCK, length - done);
                    int at = b.position();
                    int c = COMPRESSOR.compress(src, offset + done, n, out, at + 4, out.length - at - 4);
                    if (c >= n) { // incompressible: store it
                        System.arraycopy(src, offset + done, out, at + 4, n);
                        b.putInt(at, n | 0x80000000);
                        b.position(at + 4 + n);
                    } else {
                        b.putInt(at, c);
                        b.position(at + 4 + c);
                    }
                }
                b.putInt(0);
                return java.util.Arrays.copyOf(out, b.position());
            }

            /** The records of one frame, or null for a frame with features this path does not read. */
            static ByteBuffer decompress(byte[] in) {
                ByteBuffer b = ByteBuffer.wrap(in).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                if (in.length < 11 || b.getInt() != MAGIC) {
                    return null;
                }
                int flg = b.get() & 0xFF;
                int bd = b.get() & 0xFF;
                boolean blockChecksum = (flg & 0x10) != 0;
                boolean contentSize = (flg & 0x08) != 0;
                boolean contentChecksum = (flg & 0x04) != 0;
                if ((flg >> 6) != 1 || (flg & 0x01) != 0 || ((bd >> 4) & 0x7) < 4) {
                    return null; // other version, a dictionary id, or a bad block size: the stream decides
                }
                int maxBlock = 1 << (8 + 2 * ((bd >> 4) & 0x7));
                if (contentSize) {
                    b.position(b.position() + 8);
                }
                int headerEnd = b.position();
                if ((XXHASH.hash(in, 4, headerEnd - 4, 0) >> 8 & 0xFF) != (b.get() & 0xFF)) {
                    throw new CorruptRecordException("lz4 frame header checksum mismatch");
                }
                // Sized for a typical ratio, grown when a block needs more: zeroing a 64 KiB buffer per small
                // batch cost more than decompressing it.
                byte[] out = new byte[Math.max(256, in.length * 6)];
                int n = 0;
                while (true) {
                    int size = b.getInt();
                    if (size == 0) {
                        break;
                    }
                    boolean stored = size < 0;
                    size &= 0x7fffffff;
                    if (size > maxBlock || size > b.remaining()) {
                        throw new CorruptRecordException("lz4 block of " + size + " bytes runs past the frame");
                    }
                    if (out.length - n < maxBlock) {
                        if (out.length >= MAX_DECOMPRESSED_BYTES) {
                            throw new CorruptRecordException("lz4 records inflate beyond " + MAX_DECOMPRESSED_BYTES);
                        }
                        out = java.util.Arrays.copyOf(
                                out, (int) Math.min(MAX_DECOMPRESSED_BYTES, out.length * 2L + maxBlock));
                    }
                    if (stored) {
                        System.arraycopy(in, b.position(), out, n, size);
                        n += size;
                    } else {
                        n += DECOMPRESSOR.decompress(in, b.position(), size, out, n, out.length - n);
                    }
                    b.position(b.position() + size + (blockChecksum ? 4 : 0));
                }
                if (contentChecksum) {
                    b.position(b.position() + 4);
                }
                if (b.hasRemaining()) {
                    return null; // another frame follows: the stream reader handles concatenated frames
                }
                return ByteBuffer.wrap(out, 0, n).slice();
            }

            /** {@code out} with room for {@code more} bytes after {@code n}, within the inflation cap. */
            private static byte[] ensure(byte[] out, int n, int more) {
                if (out.length - n >= more) {
                    return out;
                }
                long want = Math.max(out.length * 2L, (long) n + more);
                if (want > MAX_DECOMPRESSED_BYTES) {
                    throw new CorruptRecordException("lz4 records inflate beyond " + MAX_DECOMPRESSED_BYTES);
                }
                return java.util.Arrays.copyOf(out, (int) want);
            }

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

        /**
         * zstd through a per-thread compression and decompression context (creating one per batch
         * costs more than compressing it). Frames carry their content size; frames without one (a
         * streaming writer such as Kafka's producer) are left to the stream reader.
         */
        static final class Zstd {
            static final int LEVEL = 3; // zstd's and Kafka's default
            static final ThreadLocal<com.github.luben.zstd.ZstdCompressCtx> CCTX =
                    ThreadLocal.withInitial(() -> new com.github.luben.zstd.ZstdCompressCtx().setLevel(LEVEL));
            static final ThreadLocal<com.github.luben.zstd.ZstdDecompressCtx> DCTX =
                    ThreadLocal.withInitial(com.github.luben.zstd.ZstdDecompressCtx::new);

            static byte[] compress(byte[] src, int offset, int length) {
                com.github.luben.zstd.ZstdCompressCtx ctx = CCTX.get();
                byte[] out = new byte[(int) com.github.luben.zstd.Zstd.compressBound(length)];
                int n = ctx.compressByteArray(out, 0, out.length, src, offset, length);
                return java.util.Arrays.copyOf(out, n);
            }

            static ByteBuffer decompress(byte[] in) {
                long size = com.github.luben.zstd.Zstd.getFrameContentSize(in, 0, in.length);
                if (size < 0) {
                    return null; // unknown (streamed frame) or unreadable: the stream decides
                }
                if (size > MAX_DECOMPRESSED_BYTES) {
                    throw new CorruptRecordException("zstd records inflate beyond " + MAX_DECOMPRESSED_BYTES);
                }
                byte[] out = new byte[(int) size];
                int n = DCTX.get().decompressByteArray(out, 0, out.length, in, 0, in.length);
                if (n != size) {
                    return null; // several frames: the stream reader handles them
                }
                return ByteBuffer.wrap(out);
            }

            static OutputStream wrap(OutputStream out) throws IOException {
                return new ZstdOutputStreamNoFinalizer(out);
            }

            static InputStream unwrap(InputStream in) throws IOException {
                return new ZstdInputStreamNoFinalizer(in);
            }
        }
    }
}
