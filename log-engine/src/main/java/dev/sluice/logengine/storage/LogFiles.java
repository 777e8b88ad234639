package dev.sluice.logengine.storage;

import java.nio.file.Path;

/**
 * File names of a partition directory. Every suffix lives here. Segments are named by their base
 * offset, zero-padded to 20 digits so {@code ls} sorts them.
 *
 * <pre>
 * 00000000000000000000.log         record batches, back to back
 * 00000000000000000000.index       sparse offset index (8-byte entries), mmapped
 * 00000000000000000000.timeindex   sparse time index (12-byte entries), mmapped
 * 00000000000000012345.snapshot    producer/transaction state as of offset 12345
 * 00000000000000000000.log.cleaned compaction output being written (deleted on startup)
 * 00000000000000000000.log.swap    compaction output committed but not yet renamed (renamed on startup)
 * </pre>
 */
public final class LogFiles {
    public static final String LOG_SUFFIX = ".log";
    public static final String INDEX_SUFFIX = ".index";
    public static final String TIME_INDEX_SUFFIX = ".timeindex";
    public static final String SNAPSHOT_SUFFIX = ".snapshot";
    public static final String CLEANED_SUFFIX = ".cleaned";
    public static final String SWAP_SUFFIX = ".swap";
    public static final String DELETED_SUFFIX = ".deleted";
    public static final String TMP_SUFFIX = ".tmp";

    private LogFiles() {}

    public static String filenamePrefix(long offset) {
        return String.format("%020d", offset);
    }

    public static Path logFile(Path dir, long baseOffset) {
        return dir.resolve(filenamePrefix(baseOffset) + LOG_SUFFIX);
    }

    public static Path indexFile(Path dir, long baseOffset) {
        return dir.resolve(filenamePrefix(baseOffset) + INDEX_SUFFIX);
    }

    public static Path timeIndexFile(Path dir, long baseOffset) {
        return dir.resolve(filenamePrefix(baseOffset) + TIME_INDEX_SUFFIX);
    }

    public static Path snapshotFile(Path dir, long offset) {
        return dir.resolve(filenamePrefix(offset) + SNAPSHOT_SUFFIX);
    }

    /** The offset a file name starts with, or -1 if it does not start with 20 digits. */
    public static long offsetFromName(String name) {
        if (name.length() < 20) {
            return -1;
        }
        for (int i = 0; i < 20; i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return -1;
            }
        }
        return Long.parseLong(name.substring(0, 20));
    }
}
