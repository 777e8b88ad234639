package dev.sluice.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {
    @TempDir
    Path tmp;

    @Test
    void createsTheDirectoryAndRecordsThePid() throws Exception {
        Path dir = tmp.resolve("a/b");
        try (DataDirLock lock = DataDirLock.acquire(dir)) {
            assertEquals(
                    String.valueOf(ProcessHandle.current().pid()),
                    Files.readString(dir.resolve(DataDirLock.FILE_NAME)).trim());
        }
    }

    @Test
    void cannotBeTakenTwiceAndCanBeRetakenAfterRelease() throws Exception {
        DataDirLock first = DataDirLock.acquire(tmp);
        StartupException e = assertThrows(StartupException.class, () -> DataDirLock.acquire(tmp));
        assertTrue(e.getMessage().contains("already in use"), e.getMessage());
        first.close();
        DataDirLock.acquire(tmp).close();
    }

    @Test
    void unusableDirectoryIsAClearError() throws Exception {
        Path file = tmp.resolve("file");
        Files.writeString(file, "x");
        StartupException e = assertThrows(StartupException.class, () -> DataDirLock.acquire(file.resolve("sub")));
        assertTrue(e.getMessage().startsWith("cannot create data directory"), e.getMessage());
    }
}
