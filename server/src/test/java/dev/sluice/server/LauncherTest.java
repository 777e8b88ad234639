package dev.sluice.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.server.testing.SluiceProcess.ProcessResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code bin/sluice} as users run it: every flag is described by --help. */
@Tag("integration")
class LauncherTest {
    private static final Path LAUNCHER =
            Path.of("..", "bin", "sluice").toAbsolutePath().normalize();

    private static ProcessResult launcher(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(LAUNCHER.toString()));
        command.addAll(List.of(args));
        return ProcessResult.run(command, Duration.ofMinutes(5));
    }

    @Test
    void topLevelHelpListsCommands() {
        assertTrue(Files.isExecutable(LAUNCHER), LAUNCHER + " must be executable");
        ProcessResult r = launcher("--help");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("server"), r.stdout());
        assertTrue(r.stdout().contains("shell"), r.stdout());
    }

    @Test
    void serverHelpDescribesEveryFlag() {
        ProcessResult r = launcher("server", "--help");
        assertEquals(0, r.exitCode(), r.stderr());
        for (String flag : List.of(
                "--host",
                "--port",
                "--data-dir",
                "--auth",
                "--tls-cert",
                "--tls-key",
                "--config",
                "SLUICE_DATA_DIR",
                "SLUICE_PORT",
                "SLUICE_AUTH",
                "SLUICE_TLS_CERT",
                "SLUICE_TLS_KEY")) {
            assertTrue(r.stdout().contains(flag), flag + " missing from:\n" + r.stdout());
        }
    }

    @Test
    void shellHelpDescribesEveryFlag() {
        ProcessResult r = launcher("shell", "--help");
        assertEquals(0, r.exitCode(), r.stderr());
        for (String flag : List.of(
                "--host",
                "--port",
                "--user",
                "--password",
                "--dbname",
                "--command",
                "--file",
                "--format",
                "--sslmode",
                "--sslrootcert",
                "--vi",
                "--history")) {
            assertTrue(r.stdout().contains(flag), flag + " missing from:\n" + r.stdout());
        }
    }

    @Test
    void packagedShellTalksToARealServer() {
        // Runs the launcher's own class path (server/target/lib), not the test class path, so a
        // client library missing from the package fails here.
        try (dev.sluice.server.testing.SluiceProcess server = dev.sluice.server.testing.SluiceProcess.start()) {
            ProcessResult ok = launcher(
                    "shell", "-p", String.valueOf(server.port()), "--format", "csv", "-c", "SELECT 40 + 2 AS answer");
            assertEquals(0, ok.exitCode(), ok.stdout() + ok.stderr());
            assertTrue(ok.stdout().contains("answer\n42"), ok.stdout());
        }
        ProcessResult refused = launcher(
                "shell", "-p", String.valueOf(dev.sluice.server.testing.SluiceProcess.freePort()), "-c", "SELECT 1");
        assertEquals(2, refused.exitCode(), refused.stdout() + refused.stderr());
    }

    @Test
    void scriptModeStopsAtTheFirstFailingStatementAndSaysWhere(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        StringBuilder script = new StringBuilder("CREATE STREAM script_events (n INT);\n");
        for (int i = 2; i <= 100; i++) {
            script.append(
                    i == 57
                            ? "INSERT INTO no_such_stream VALUES (57);\n"
                            : "INSERT INTO script_events VALUES (" + i + ");\n");
        }
        Path file = tmp.resolve("load.sql");
        Files.writeString(file, script);
        try (dev.sluice.server.testing.SluiceProcess server = dev.sluice.server.testing.SluiceProcess.start()) {
            ProcessResult r = launcher("shell", "-p", String.valueOf(server.port()), "-f", file.toString());
            assertEquals(1, r.exitCode(), r.stdout() + r.stderr());
            assertTrue(r.stderr().contains("42P01"), r.stderr());
            assertTrue(r.stderr().contains("load.sql:57"), r.stderr());
            ProcessResult count = launcher(
                    "shell",
                    "-p",
                    String.valueOf(server.port()),
                    "--format",
                    "csv",
                    "-c",
                    "SELECT count(*) AS n FROM script_events");
            // Statements 2..56 ran; nothing after the failure did.
            assertTrue(count.stdout().contains("n\n55"), count.stdout() + count.stderr());
        }
    }

    @Test
    void unknownFlagIsAUsageError() {
        ProcessResult r = launcher("server", "--no-such-flag");
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("Unknown option: '--no-such-flag'"), r.stderr());
    }
}
