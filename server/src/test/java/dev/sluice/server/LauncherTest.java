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
        for (String flag : List.of("--host", "--port", "--data-dir", "--config", "SLUICE_DATA_DIR", "SLUICE_PORT")) {
            assertTrue(r.stdout().contains(flag), flag + " missing from:\n" + r.stdout());
        }
    }

    @Test
    void shellHelpDescribesEveryFlag() {
        ProcessResult r = launcher("shell", "--help");
        assertEquals(0, r.exitCode(), r.stderr());
        for (String flag :
                List.of("--host", "--port", "--user", "--password", "--dbname", "--command", "--file", "--format")) {
            assertTrue(r.stdout().contains(flag), flag + " missing from:\n" + r.stdout());
        }
    }

    @Test
    void unknownFlagIsAUsageError() {
        ProcessResult r = launcher("server", "--no-such-flag");
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("Unknown option: '--no-such-flag'"), r.stderr());
    }
}
