package dev.sluice.logengine.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Small files that must never be seen half-written: write {@code name.tmp}, fsync it, rename it over
 * {@code name} (atomic on POSIX), then fsync the directory so the rename itself is durable. Text
 * checkpoints start with a version line.
 */
public final class CheckpointFile {
    public static final String VERSION_LINE = "0";

    private CheckpointFile() {}

    public static void writeAtomically(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + LogFiles.TMP_SUFFIX);
        try (FileChannel ch = FileChannel.open(
                tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(content);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsyncDirectory(file.getParent());
    }

    /** Writes a version line followed by the given lines. */
    public static void writeLines(Path file, List<String> lines) throws IOException {
        StringBuilder sb = new StringBuilder(VERSION_LINE).append('\n');
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        writeAtomically(file, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the lines after the version line; an absent file reads as empty. */
    public static List<String> readLines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(VERSION_LINE)) {
            throw new IOException("checkpoint " + file + " has an unknown version line");
        }
        return new ArrayList<>(lines.subList(1, lines.size()));
    }

    public static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems do not allow opening directories; the rename is still atomic there.
        }
    }
}
