package dev.sluice.server.shell;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.server.testing.SluiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice shell} in a real terminal (tmux) against a real server (issue 9): prompt, multi-line
 * input with the continuation prompt saying why, results, an error with SQLSTATE and caret, {@code
 * \?}, {@code \d}, rows inserted by another client, Ctrl-C at the prompt keeps the shell, Ctrl-D
 * exits with status 0, history written under $HOME.
 *
 * <p>And a push query: rows inserted by another client appear while it runs, Ctrl-C cancels it and
 * the shell is back at its prompt.
 */
@Tag("integration")
class ShellTerminalTest {
    private static SluiceProcess server;

    @TempDir
    Path home;

    @BeforeAll
    static void start() {
        assertTrue(TmuxTerminal.available(), "this test needs tmux (apt-get install -y tmux)");
        server = SluiceProcess.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private TmuxTerminal shell(String session) {
        // the child runs on this JVM's class path, where pgjdbc is (see SluiceProcess.javaCommand)
        List<String> command =
                SluiceProcess.javaCommand(List.of("shell", "-h", "127.0.0.1", "-p", String.valueOf(server.port())));
        return TmuxTerminal.start(session, command, List.of("HOME=" + home, "TERM=xterm-256color"));
    }

    @Test
    void interactiveSession() throws Exception {
        try (TmuxTerminal t = shell("sluice-shell-it-" + ProcessHandle.current().pid())) {
            t.await("the prompt", s -> s.contains("Connected to Sluice") && s.contains("sluice>"));

            t.typeLine("\\?");
            t.await("the help", s -> s.contains("Meta-commands") && s.contains("\\d NAME"));

            t.typeLine("CREATE STREAM clicks (user_id INT, page VARCHAR);");
            t.await("the DDL tag", s -> s.contains("\nCREATE STREAM\n"));

            try (Connection c = server.connect();
                    Statement st = c.createStatement()) {
                st.execute("INSERT INTO clicks VALUES (1, '/home'), (2, NULL)");
            }

            // multi-line: the continuation prompt says what is open
            t.typeLine("SELECT user_id, page");
            t.await("the continuation prompt", s -> s.contains("     -> "));
            t.typeLine("FROM clicks WHERE page <> 'it''s");
            t.await("the open-quote prompt", s -> s.contains(" quote> "));
            t.typeLine("' OR page IS NULL;");
            String rows = t.await("the rows", s -> s.contains("(2 rows)"));
            assertTrue(rows.contains("       1 | /home"), rows);
            assertTrue(rows.contains("       2 | NULL"), rows);

            t.typeLine("SELECT * FROMM clicks;");
            String error = t.await("the error", s -> s.contains("SQLSTATE 42601"));
            assertTrue(error.contains("LINE 1: SELECT * FROMM clicks\n                 ^"), error);

            // Ctrl-C at the prompt drops the line and keeps the shell
            t.type("SELECT 'never sent'");
            // Keys reach the shell one by one: press Ctrl-C only once the whole line is on the screen.
            t.await("the typed line", s -> s.stripTrailing().endsWith("sluice> SELECT 'never sent'"));
            t.press("C-c");
            // Ctrl-C reaches the shell as a signal: wait for the fresh prompt before typing on, as a
            // person would, or the next keys can land in the line being dropped.
            // The fresh prompt must be on the line below the dropped one: a capture taken before the shell
            // handled the signal can also end in "sluice>" (a redraw), and keys typed then join the line.
            t.await("a fresh prompt after Ctrl-C", s -> s.stripTrailing().endsWith("'never sent'\nsluice>"));
            t.typeLine("\\d");
            String list = t.await("the relation list", s -> s.contains("public | clicks | stream"));
            assertFalse(list.contains("EXITED"), list);
            assertFalse(list.contains("never sent\n"), "a cancelled line is not run");

            t.typeLine("\\d clicks");
            t.await("the columns", s -> s.contains(" user_id | INT"));

            // a push query: rows appear as another client inserts them; Ctrl-C ends it, not the shell
            t.typeLine("SELECT user_id, upper(page) AS page FROM clicks EMIT CHANGES;");
            Thread.sleep(1500);
            try (Connection c = server.connect();
                    Statement st = c.createStatement()) {
                st.execute("INSERT INTO clicks VALUES (41, '/live-one')");
                t.await("the first pushed row", s -> s.contains("/LIVE-ONE"));
                st.execute("INSERT INTO clicks VALUES (42, '/live-two')");
                t.await("the second pushed row", s -> s.contains("/LIVE-TWO"));
            }
            t.press("C-c");
            t.await("the prompt after cancelling", s -> s.stripTrailing().endsWith("sluice>"));
            t.typeLine("SELECT COUNT(*) AS n FROM clicks;");
            t.await(
                    "the shell still works",
                    s -> s.contains("(1 row)") && s.stripTrailing().endsWith("sluice>"));

            t.press("C-d");
            t.await("the shell to exit", s -> s.contains("EXITED 0"));
        }
        assertTrue(Files.readString(home.resolve(".sluice_history")).contains("CREATE STREAM clicks"));
    }
}
