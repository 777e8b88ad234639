package dev.sluice.server.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.server.testing.SelfSignedCertificate;
import dev.sluice.server.testing.SluiceProcess;
import dev.sluice.server.testing.SluiceProcess.ProcessResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice shell} logging in to a real server with {@code --auth scram-sha-256} and TLS: in a
 * real terminal (tmux) it asks for the password as psql does (no echo), the right one connects, a
 * wrong one prints why and exits 2; {@code -W} prompts too; {@code --sslmode require} and {@code
 * verify-full} connect over TLS; requiring TLS from a server without it fails clearly.
 */
@Tag("integration")
class ShellLoginTest {
    private static final String PASSWORD = "Shell-pw 7";

    @TempDir
    static Path dir;

    private static SelfSignedCertificate certificate;
    private static SluiceProcess server;

    @BeforeAll
    static void start() {
        assertTrue(TmuxTerminal.available(), "this test needs tmux (apt-get install -y tmux)");
        assumeTrue(SelfSignedCertificate.opensslAvailable(), "openssl is not installed");
        certificate = SelfSignedCertificate.create(dir, "server", "localhost");
        server = SluiceProcess.prepare(
                        "--auth",
                        "scram-sha-256",
                        "--tls-cert",
                        certificate.cert().toString(),
                        "--tls-key",
                        certificate.key().toString())
                .withEnv("SLUICE_PASSWORD", PASSWORD)
                .begin();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static List<String> shellCommand(SluiceProcess target, String... flags) {
        List<String> args = new ArrayList<>(List.of("shell", "-h", "127.0.0.1", "-p", String.valueOf(target.port())));
        args.addAll(List.of(flags));
        return SluiceProcess.javaCommand(args);
    }

    private static TmuxTerminal terminal(String name, String... flags) {
        return TmuxTerminal.start(
                "sluice-login-" + name + "-" + ProcessHandle.current().pid(),
                shellCommand(server, flags),
                List.of("HOME=" + dir, "TERM=xterm-256color"));
    }

    @Test
    void promptsForThePasswordAndTheRightOneConnectsOverTls() {
        try (TmuxTerminal t = terminal("right", "--sslmode", "require")) {
            t.await("the password prompt", s -> s.contains("Password for user sluice: "));
            t.typeLine(PASSWORD);
            t.await("the prompt", s -> s.contains("Connected to Sluice") && s.contains("sluice>"));
            t.typeLine("SELECT 'in' || 'side' AS w;");
            String rows = t.await("the result", s -> s.contains("(1 row)"));
            assertTrue(rows.contains(" inside"), rows);
            assertFalse(rows.contains(PASSWORD), "the password is not echoed:\n" + rows);
            t.press("C-d");
            t.await("the shell to exit", s -> s.contains("EXITED 0"));
        }
    }

    @Test
    void aWrongPasswordSaysSoAndExitsNonZero() {
        try (TmuxTerminal t = terminal("wrong")) {
            t.await("the password prompt", s -> s.contains("Password for user sluice: "));
            t.typeLine("not the password");
            String screen = t.await("the exit", s -> s.contains("EXITED "));
            assertTrue(
                    screen.contains("sluice shell: cannot log in to 127.0.0.1:" + server.port()
                            + " as \"sluice\": FATAL: password authentication failed for user \"sluice\""),
                    screen);
            assertTrue(screen.contains("EXITED 2"), screen);
            assertFalse(screen.contains("Connected to Sluice"), screen);
        }
    }

    @Test
    void dashWPromptsAndVerifyFullChecksTheCertificate() {
        try (TmuxTerminal t = terminal(
                "verify",
                "-W",
                "--sslmode",
                "verify-full",
                "--sslrootcert",
                certificate.cert().toString())) {
            t.await("the -W prompt", s -> s.contains("Password: "));
            t.typeLine(PASSWORD);
            t.await("the prompt", s -> s.contains("Connected to Sluice") && s.contains("sluice>"));
            t.typeLine("SHOW ssl;");
            t.await("SHOW ssl", s -> s.contains(" on\n(1 row)"));
            t.typeLine("\\q");
            t.await("the shell to exit", s -> s.contains("EXITED 0"));
        }
    }

    @Test
    void withoutATerminalThePasswordComesFromTheEnvironment() {
        ProcessResult ok = ProcessResult.run(
                shellCommand(server, "--sslmode", "require", "--format", "csv", "-c", "SELECT 1 AS one"),
                Map.of("SLUICE_PASSWORD", PASSWORD),
                null,
                Duration.ofMinutes(1));
        assertEquals(0, ok.exitCode(), ok.stdout() + ok.stderr());
        assertTrue(ok.stdout().contains("one\n1"), ok.stdout());

        ProcessResult wrong = ProcessResult.run(
                shellCommand(server, "-c", "SELECT 1"), Map.of("SLUICE_PASSWORD", "nope"), null, Duration.ofMinutes(1));
        assertEquals(2, wrong.exitCode(), wrong.stdout() + wrong.stderr());
        assertTrue(wrong.stderr().contains("password authentication failed for user \"sluice\""), wrong.stderr());

        ProcessResult none =
                ProcessResult.run(shellCommand(server, "-c", "SELECT 1"), Map.of(), null, Duration.ofMinutes(1));
        assertEquals(2, none.exitCode(), none.stdout() + none.stderr());
        assertTrue(none.stderr().contains("the server wants a password; give -W"), none.stderr());
    }

    @Test
    void requiringTlsFromAServerWithoutItFailsClearly() {
        try (SluiceProcess plain = SluiceProcess.start()) {
            ProcessResult r = ProcessResult.run(
                    shellCommand(plain, "--sslmode", "require", "-c", "SELECT 1"), Duration.ofMinutes(1));
            assertEquals(2, r.exitCode(), r.stdout() + r.stderr());
            assertTrue(
                    r.stderr()
                            .contains("sluice shell: cannot connect to 127.0.0.1:" + plain.port()
                                    + ": The server does not support SSL."),
                    r.stderr());
        }
    }
}
