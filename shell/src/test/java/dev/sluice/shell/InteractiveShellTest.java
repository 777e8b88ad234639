package dev.sluice.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
}
