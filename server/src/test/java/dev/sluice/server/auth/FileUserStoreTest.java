package dev.sluice.server.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.pgwire.auth.UserStore.User;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileUserStoreTest {
    @TempDir
    Path dir;

    @Test
    void aFreshDirectoryHasOnlyTheSuperuserWithoutAPassword() {
        FileUserStore store = FileUserStore.open(dir);
        User sluice = store.lookup("sluice").orElseThrow();
        assertTrue(sluice.superuser());
        assertNull(sluice.credential());
        assertFalse(store.anyPassword());
        assertTrue(store.lookup("alice").isEmpty());
        assertFalse(Files.exists(dir.resolve(FileUserStore.FILE_NAME)), "nothing written until a change");
    }

    @Test
    void usersSurviveAReopenAndOnlyVerifiersAreStored() throws Exception {
        FileUserStore store = FileUserStore.open(dir);
        assertTrue(store.setPassword("alice", "correct horse", false));
        assertTrue(store.setPassword("Bob Smith", "battery staple", true));
        assertFalse(store.setPassword("sluice", "root pw", false), "sluice exists already");

        FileUserStore reopened = FileUserStore.open(dir);
        assertTrue(reopened.lookup("alice").orElseThrow().credential().matches("correct horse"));
        assertFalse(reopened.lookup("alice").orElseThrow().credential().matches("wrong"));
        assertFalse(reopened.lookup("alice").orElseThrow().superuser());
        assertTrue(reopened.lookup("Bob Smith").orElseThrow().superuser());
        assertTrue(reopened.lookup("sluice").orElseThrow().superuser(), "sluice stays a superuser");
        assertTrue(reopened.lookup("sluice").orElseThrow().credential().matches("root pw"));
        assertEquals(
                List.of("Bob Smith", "alice", "sluice"),
                reopened.users().stream().map(User::name).toList());

        Path file = dir.resolve(FileUserStore.FILE_NAME);
        String text = Files.readString(file);
        for (String password : List.of("correct horse", "battery staple", "root pw")) {
            assertFalse(text.contains(password), "plaintext password on disk");
        }
        assertTrue(text.contains("alice\tuser\tSCRAM-SHA-256$4096:"), text);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertFalse(Files.exists(dir.resolve(FileUserStore.TMP_NAME)));

        // A new password replaces the old one.
        reopened.setPassword("alice", "new one", false);
        User alice = FileUserStore.open(dir).lookup("alice").orElseThrow();
        assertTrue(alice.credential().matches("new one"));
        assertFalse(alice.credential().matches("correct horse"));
    }

    @Test
    void removeDropsAUserAndResetsTheSuperuser() {
        FileUserStore store = FileUserStore.open(dir);
        store.setPassword("alice", "a", false);
        store.setPassword("sluice", "s", true);
        assertTrue(store.remove("alice"));
        assertFalse(store.remove("alice"));
        assertTrue(store.remove("sluice"));
        FileUserStore reopened = FileUserStore.open(dir);
        assertTrue(reopened.lookup("alice").isEmpty());
        assertNull(reopened.lookup("sluice").orElseThrow().credential());
        assertFalse(reopened.anyPassword());
    }

    @Test
    void aDamagedFileIsRefused() throws Exception {
        FileUserStore.open(dir).setPassword("alice", "pw", false);
        Path file = dir.resolve(FileUserStore.FILE_NAME);
        String text = Files.readString(file);

        Files.writeString(file, text.replace("alice", "alicf"));
        String message = assertThrows(FileUserStore.UserStoreException.class, () -> FileUserStore.open(dir))
                .getMessage();
        assertTrue(message.contains("damaged (checksum mismatch)"), message);

        Files.write(file, text.substring(0, text.length() - 20).getBytes(StandardCharsets.UTF_8));
        message = assertThrows(FileUserStore.UserStoreException.class, () -> FileUserStore.open(dir))
                .getMessage();
        assertTrue(message.contains("damaged"), message);
    }

    @Test
    void badNamesAndEmptyPasswordsAreRejected() {
        FileUserStore store = FileUserStore.open(dir);
        assertThrows(IllegalArgumentException.class, () -> store.setPassword("", "pw", false));
        assertThrows(IllegalArgumentException.class, () -> store.setPassword("a\tb", "pw", false));
        assertThrows(IllegalArgumentException.class, () -> store.setPassword("a\nb", "pw", false));
        assertThrows(IllegalArgumentException.class, () -> store.setPassword("#x", "pw", false));
        assertThrows(IllegalArgumentException.class, () -> store.setPassword("x".repeat(64), "pw", false));
        assertThrows(IllegalArgumentException.class, () -> store.setPassword("alice", "", false));
        store.setPassword("x".repeat(63), "pw", false);
        store.setPassword("émile", "pw", false);
        assertTrue(FileUserStore.open(dir).lookup("émile").isPresent());
    }
}
