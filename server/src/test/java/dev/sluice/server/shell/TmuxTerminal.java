package dev.sluice.server.shell;

import static org.junit.jupiter.api.Assertions.fail;

import dev.sluice.server.testing.SluiceProcess.ProcessResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A real terminal for end-to-end tests of {@code sluice shell}: a detached tmux session running one
 * command, driven with {@code send-keys} and read with {@code capture-pane}. The session is named by
 * the test and killed by that name in {@link #close()}.
 */
final class TmuxTerminal implements AutoCloseable {
    private static final Duration TMUX_TIMEOUT = Duration.ofSeconds(10);

    private final String session;

    private TmuxTerminal(String session) {
        this.session = session;
    }

    /** Whether tmux is installed (CI installs it; see .ci/run). */
    static boolean available() {
        try {
            return ProcessResult.run(List.of("tmux", "-V"), TMUX_TIMEOUT).exitCode() == 0;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Starts {@code command} in a new 120x40 session; when the command exits, the pane shows
     * {@code EXITED <status>} and stays open so the test can read it.
     */
    static TmuxTerminal start(String session, List<String> command, List<String> env) {
        StringBuilder shell = new StringBuilder("env");
        for (String e : env) {
            shell.append(' ').append(quote(e));
        }
        for (String arg : command) {
            shell.append(' ').append(quote(arg));
        }
        shell.append("; echo EXITED $?; sleep 600");
        run("new-session", "-d", "-s", session, "-x", "120", "-y", "40", shell.toString());
        return new TmuxTerminal(session);
    }

    /** Types text literally (no Enter). */
    void type(String text) {
        // tmux reads an argument that ends in ';' as a command separator; "\;" is a literal ';'
        String escaped = text.endsWith(";") ? text.substring(0, text.length() - 1) + "\\;" : text;
        run("send-keys", "-t", session, "-l", escaped);
    }

    /** Presses keys by tmux name: {@code Enter}, {@code C-c}, {@code C-d}, {@code Tab}. */
    void press(String... keys) {
        List<String> args = new ArrayList<>(List.of("send-keys", "-t", session));
        args.addAll(List.of(keys));
        run(args.toArray(new String[0]));
    }

    void typeLine(String text) {
        type(text);
        press("Enter");
    }

    /** The whole pane, scrollback included, wrapped lines joined. */
    String screen() {
        return run("capture-pane", "-p", "-J", "-S", "-1000", "-t", session).stdout();
    }

    /** Waits until the screen satisfies the condition; fails with the screen after 30 s. */
    String await(String what, Predicate<String> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = screen();
            if (condition.test(screen)) {
                return screen;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return fail("timed out waiting for " + what + "; the screen:\n" + screen);
    }

    /** Waits until the screen contains the text {@code times} times in all. */
    String awaitCount(String text, int times) {
        return await(times + " × \"" + text + "\"", s -> count(s, text) >= times);
    }

    static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    @Override
    public void close() {
        ProcessResult.run(List.of("tmux", "kill-session", "-t", session), TMUX_TIMEOUT);
    }

    private static ProcessResult run(String... args) {
        List<String> command = new ArrayList<>(List.of("tmux"));
        command.addAll(List.of(args));
        ProcessResult r = ProcessResult.run(command, TMUX_TIMEOUT);
        if (r.exitCode() != 0) {
            fail("tmux " + String.join(" ", args) + " failed: " + r.stderr());
        }
        return r;
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
