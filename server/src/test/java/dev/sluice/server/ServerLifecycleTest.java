package dev.sluice.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.server.testing.SluiceProcess;
import dev.sluice.server.testing.SluiceProcess.ProcessResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server process as an operator sees it: start, readiness, refusals, SIGTERM, kill -9. */
@Tag("integration")
class ServerLifecycleTest {
    @TempDir
    Path tmp;

    @Test
    void startsAcceptsConnectionsAndStopsCleanlyOnSigterm() throws IOException {
        try (SluiceProcess server = SluiceProcess.start()) {
            assertTrue(server.log().contains("Sluice ready on 127.0.0.1:" + server.port()), server.log());
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
                assertTrue(socket.isConnected());
            }
            assertEquals(0, server.stop(), server.log());
            assertTrue(server.log().contains("Sluice stopped"), server.log());
        }
    }

    @Test
    void secondServerOnTheSameDataDirFailsWithExitCodeOne() {
        try (SluiceProcess server = SluiceProcess.start()) {
            ProcessResult second = runServer(
                    "--port",
                    String.valueOf(SluiceProcess.freePort()),
                    "--data-dir",
                    server.dataDir().toString());
            assertEquals(1, second.exitCode(), second.stdout() + second.stderr());
            assertTrue(
                    second.stderr().contains("is locked by another Sluice server (pid " + server.pid() + ")"),
                    second.stderr());
            assertTrue(server.isAlive(), "the first server must keep running");
        }
    }

    @Test
    void takenPortFailsWithExitCodeOneAndLeavesNoLock() {
        try (SluiceProcess server = SluiceProcess.start()) {
            Path otherDir = tmp.resolve("other");
            ProcessResult second =
                    runServer("--port", String.valueOf(server.port()), "--data-dir", otherDir.toString());
            assertEquals(1, second.exitCode(), second.stdout() + second.stderr());
            assertTrue(second.stderr().contains("the port is already in use"), second.stderr());
            // The failed server released its lock: a third one on that directory starts.
            DataDirLock lock = DataDirLock.acquire(otherDir);
            assertTrue(Files.exists(otherDir.resolve(DataDirLock.FILE_NAME)));
            assertDoesNotThrow(lock::close);
        }
    }

    @Test
    void restartsOnTheSameDataDirAfterKill9() {
        try (SluiceProcess server = SluiceProcess.start()) {
            long firstPid = server.pid();
            server.kill9();
            server.restart();
            assertTrue(server.isAlive());
            assertTrue(server.pid() != firstPid);
            assertEquals(
                    2,
                    server.log()
                            .lines()
                            .filter(l -> l.contains("Sluice ready on"))
                            .count(),
                    server.log());
            assertEquals(0, server.stop());
        }
    }

    @Test
    void environmentConfiguresThePort() throws Exception {
        int port = SluiceProcess.freePort();
        ProcessBuilder builder = new ProcessBuilder(SluiceProcess.javaCommand(
                        List.of("server", "--data-dir", tmp.resolve("env").toString())))
                .redirectErrorStream(true);
        builder.environment().put("SLUICE_PORT", String.valueOf(port));
        Process p = builder.start();
        try {
            var reader = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream()));
            String line;
            String ready = null;
            while ((line = reader.readLine()) != null) {
                if (line.contains("Sluice ready on")) {
                    ready = line;
                    break;
                }
            }
            assertTrue(ready != null && ready.contains("Sluice ready on 127.0.0.1:" + port), String.valueOf(ready));
        } finally {
            p.destroy();
            assertEquals(0, p.waitFor());
        }
    }

    private static ProcessResult runServer(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("server"));
        all.addAll(List.of(args));
        return ProcessResult.run(SluiceProcess.javaCommand(all), Duration.ofMinutes(1));
    }

    private static void assertDoesNotThrow(org.junit.jupiter.api.function.Executable e) {
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(e);
    }
}
