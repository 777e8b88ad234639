package dev.sluice.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The interactive loop on JLine's DumbTerminal: keystrokes in, screen text out. */
@Timeout(20)
class InteractiveShellTest {
    private final FakeBackend backend = new FakeBackend();
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

    private int type(String keys, Path history) throws Exception {
        try (DumbTerminal terminal = new DumbTerminal(
                "test",
                "dumb",
                new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)),
                screen,
                StandardCharsets.UTF_8)) {
            return run(terminal, history);
        }
    }

    private int run(DumbTerminal terminal, Path history) {
        PrintStream out = new PrintStream(terminal.output(), true, StandardCharsets.UTF_8);
        CatalogCache cache = new CatalogCache(backend.catalog());
        StatementRunner runner =
                new StatementRunner(backend, new ShellSettings(), ShellIo.plain(out, out), cache::invalidate);
        return new InteractiveShell(terminal, runner, cache, history).run("hello");
    }

    private String screen() {
        return screen.toString(StandardCharsets.UTF_8);
    }

    @Test
    void multiLineStatementRunsWhenTheSemicolonComes(@TempDir Path dir) throws Exception {
        backend.rows("SELECT\n  'a;b' AS x", List.of(new Column("x", "text")), new String[] {"a;b"});
        Path history = dir.resolve("history");
        assertEquals(0, type("SELECT\n  'a;b' AS x;\n\\q\n", history));
        assertEquals(List.of("SELECT\n  'a;b' AS x"), backend.executed);
        String s = screen();
        assertTrue(s.startsWith("hello"), s);
        assertTrue(s.contains(" x\n-----\n a;b\n(1 row)\n"), s);
        assertTrue(Files.readString(history).contains("'a;b' AS x;"), "history is saved in the file");
    }

    @Test
    void ctrlDOnAnEmptyLineExits(@TempDir Path dir) throws Exception {
        backend.update("SET x = 1", 0);
        assertEquals(0, type("SET x = 1;\n\u0004", dir.resolve("h")));
        assertEquals(List.of("SET x = 1"), backend.executed);
        assertTrue(screen().contains("SET\n"), screen());
    }

    @Test
    void ctrlCWhileAPushQueryStreamsCancelsItAndTheShellStays(@TempDir Path dir) throws Exception {
        backend.endless(
                "SELECT * FROM s EMIT CHANGES",
                List.of(new Column("op", "text"), new Column("a", "int4")),
                new String[] {"+I", "1"});
        PipedOutputStream keys = new PipedOutputStream();
        PipedInputStream input = new PipedInputStream(keys);
        try (DumbTerminal terminal = new DumbTerminal("test", "dumb", input, screen, StandardCharsets.UTF_8)) {
            CompletableFuture<Integer> shell = CompletableFuture.supplyAsync(() -> run(terminal, dir.resolve("h")));
            keys.write("SELECT * FROM s EMIT CHANGES;\n".getBytes(StandardCharsets.UTF_8));
            keys.flush();
            assertTrue(backend.streaming.await(10, TimeUnit.SECONDS));
            terminal.raise(Terminal.Signal.INT); // what the terminal does on Ctrl-C while no line is read
            keys.write("\\q\n".getBytes(StandardCharsets.UTF_8));
            keys.flush();
            assertEquals(0, shell.get(10, TimeUnit.SECONDS));
        }
        assertTrue(backend.cancelled);
        assertTrue(screen().contains(" +I | 1\n(1 row received in "), screen());
        assertTrue(screen().contains("; cancelled)"), screen());
    }

    @Test
    void errorsKeepTheShellRunning(@TempDir Path dir) throws Exception {
        backend.update("SET x = 1", 0);
        assertEquals(0, type("SELEC 1;\nSET x = 1;\n\\q\n", dir.resolve("h")));
        assertEquals(List.of("SELEC 1", "SET x = 1"), backend.executed);
        assertTrue(
                screen().contains(
                                "ERROR:  syntax error at or near \"SELEC\" (SQLSTATE 42601)\nLINE 1: SELEC 1\n        ^\n"),
                screen());
    }

    @Test
    void helpListsMetaCommands(@TempDir Path dir) throws Exception {
        type("\\?\n", dir.resolve("h"));
        assertTrue(screen().contains("\\d NAME"), screen());
        assertTrue(screen().contains("\\timing"), screen());
    }

    private InteractiveShell shell(DumbTerminal terminal, ShellSettings settings, Path inputrc) {
        PrintStream out = new PrintStream(terminal.output(), true, StandardCharsets.UTF_8);
        CatalogCache cache = new CatalogCache(backend.catalog());
        StatementRunner runner = new StatementRunner(backend, settings, ShellIo.plain(out, out), cache::invalidate);
        return new InteractiveShell(terminal, runner, cache, null, inputrc);
    }

    private DumbTerminal idleTerminal() throws java.io.IOException {
        return new DumbTerminal("test", "dumb", new ByteArrayInputStream(new byte[0]), screen, StandardCharsets.UTF_8);
    }

    @Test
    void emacsBindingsByDefaultAndViFromTheSettingOrTheInputrc(@TempDir Path dir) throws Exception {
        try (DumbTerminal terminal = idleTerminal()) {
            ShellSettings settings = new ShellSettings();
            // JLine's default (emacs; on this dumb terminal its reduced "dumb" map), not vi
            assertNotEquals(
                    org.jline.reader.LineReader.VIINS,
                    InteractiveShell.mainKeyMap(shell(terminal, settings, null).newReader()));
            assertEquals("emacs", settings.values().get("editing_mode"));

            ShellSettings vi = new ShellSettings();
            vi.set("EDITING_MODE", "vi"); // what --vi and \set editing_mode vi do
            assertEquals(
                    org.jline.reader.LineReader.VIINS,
                    InteractiveShell.mainKeyMap(shell(terminal, vi, null).newReader()));

            Path inputrc = dir.resolve("inputrc");
            Files.writeString(inputrc, "# readline init file\nset editing-mode vi\n");
            ShellSettings fromFile = new ShellSettings();
            assertEquals(
                    org.jline.reader.LineReader.VIINS,
                    InteractiveShell.mainKeyMap(
                            shell(terminal, fromFile, inputrc).newReader()));
            assertEquals("vi", fromFile.values().get("editing_mode"));

            // An explicit setting wins over the file.
            ShellSettings emacs = new ShellSettings();
            emacs.set("editing_mode", "emacs");
            assertNotEquals(
                    org.jline.reader.LineReader.VIINS,
                    InteractiveShell.mainKeyMap(shell(terminal, emacs, inputrc).newReader()));

            IllegalArgumentException bad = org.junit.jupiter.api.Assertions.assertThrows(
                    IllegalArgumentException.class, () -> emacs.set("editing_mode", "nano"));
            assertEquals("editing_mode must be vi or emacs, not \"nano\"", bad.getMessage());
        }
    }

    @Test
    void viBindingsEditTheLineAsViDoes(@TempDir Path dir) throws Exception {
        backend.update("SET x = 1", 0);
        backend.update("SET y = 2", 0);
        // vi: ESC leaves insert mode, 0 goes to the start of the line, i inserts there: "ET x = 1;" becomes
        // "SET x = 1;". Then \set editing_mode emacs: the next line starts in emacs, where ESC 0 is a
        // numeric argument instead, and Ctrl-A goes to the start of the line.
        String keys = "\\set editing_mode vi\n"
                + "ET x = 1;\u001b0iS\n"
                + "\\set editing_mode emacs\n"
                + "ET y = 2;\u0001S\n"
                + "\\q\n";
        assertEquals(0, type(keys, dir.resolve("h")));
        assertEquals(List.of("SET x = 1", "SET y = 2"), backend.executed, screen());
    }

    @Test
    void theSameKeysInEmacsModeDoNotMoveToTheStart(@TempDir Path dir) throws Exception {
        backend.update("SET x = 1", 0);
        assertEquals(0, type("ET x = 1;\u001b0iS\n;\n\\q\n", dir.resolve("h")));
        assertFalse(backend.executed.contains("SET x = 1"), backend.executed.toString());
    }
}
