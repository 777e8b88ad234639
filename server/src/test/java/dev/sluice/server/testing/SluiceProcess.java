package dev.sluice.server.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Sluice server in a child JVM, for end-to-end tests through real clients.
 *
 * <p>It runs {@code dev.sluice.server.Main server} on a free port with a temporary data directory,
 * waits for the {@code Sluice ready on} line, and gives tests a JDBC URL and psql. {@link #kill9()}
 * and {@link #restart()} exercise crash recovery on the same data directory. {@link #close()} always
 * kills the process and deletes the directory, so use it in try-with-resources or {@code @AfterEach}.
 *
 * <pre>{@code
 * try (SluiceProcess server = SluiceProcess.start()) {
 *     try (Connection c = server.connect()) { ... }
 *     server.kill9();
 *     server.restart();
 * }
 * }</pre>
 *
 * <p>The child runs on the test JVM's own class path, so any module whose tests depend on the server
 * test-jar can use it. Its output goes to {@code server.log} next to the data directory; a failed
 * start includes the log's tail in the exception.
 */
public final class SluiceProcess implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final String READY_LINE = "Sluice ready on";

    private final Path workDir;
    private final Path dataDir;
    private final Path logFile;
    private final List<String> extraArgs;
    private final Map<String, String> env = new LinkedHashMap<>();
    private int port;
    private int launches;
    private Process process;

    private SluiceProcess(Path workDir, List<String> extraArgs) {
        this.workDir = workDir;
        this.dataDir = workDir.resolve("data");
        this.logFile = workDir.resolve("server.log");
        this.extraArgs = List.copyOf(extraArgs);
    }

    /** Starts a server on a free port with a fresh temporary data directory. */
    public static SluiceProcess start(String... extraArgs) {
        SluiceProcess server = prepare(extraArgs);
        try {
            server.launch();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * A server on a free port with a fresh temporary data directory that is not started yet, so a
     * test can set its environment ({@link #withEnv}) or prepare the data directory (e.g. {@link
     * #cli} {@code user add}) first; then {@link #begin()}. Close it like a started one.
     */
    public static SluiceProcess prepare(String... extraArgs) {
        Path dir;
        try {
            dir = Files.createTempDirectory("sluice-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SluiceProcess server = new SluiceProcess(dir, List.of(extraArgs));
        server.port = freePort();
        return server;
    }

    /** Sets an environment variable of the server process (from the next start on). */
    public SluiceProcess withEnv(String name, String value) {
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return this;
    }

    /**
     * Starts a {@link #prepare prepared} server and waits until it is ready.
     *
     * @throws IllegalStateException with the log's tail if it exits or does not get ready
     */
    public SluiceProcess begin() {
        if (launches > 0) {
            throw new IllegalStateException("already started; use restart()");
        }
        launch();
        return this;
    }

    /**
     * Runs another {@code sluice} command (e.g. {@code "user", "add", "alice", "--password-stdin",
     * "--data-dir", dataDir().toString()}) in a child JVM with {@code stdin} as its standard input,
     * and waits for it, at most a minute.
     */
    public ProcessResult cli(String stdin, String... args) {
        return ProcessResult.run(javaCommand(List.of(args)), Map.of(), stdin, Duration.ofMinutes(1));
    }

    /** A port nobody listens on right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The command line that runs the server in a child JVM with this JVM's class path: {@code java
     * -cp ... dev.sluice.server.Main <args>}.
     */
    public static List<String> javaCommand(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.sluice.server.Main");
        command.addAll(args);
        return command;
    }

    private void launch() {
        List<String> args = new ArrayList<>(List.of(
                "server", "--host", "127.0.0.1", "--port", String.valueOf(port), "--data-dir", dataDir.toString()));
        args.addAll(extraArgs);
        launches++;
        ProcessBuilder builder = new ProcessBuilder(javaCommand(args))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(env);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the server JVM", e);
        }
        awaitReady();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (readyLineCount() >= launches) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "server exited with " + process.exitValue() + " before it was ready:\n" + logTail());
            }
            sleep(50);
        }
        throw new IllegalStateException("server not ready within " + READY_TIMEOUT + ":\n" + logTail());
    }

    /** A restart appends to the same log, so readiness is "one ready line per launch". */
    private long readyLineCount() {
        return log().lines()
                .filter(l -> l.contains(READY_LINE + " 127.0.0.1:" + port))
                .count();
    }

    /** The whole server log so far (all launches). */
    public String log() {
        try {
            return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String logTail() {
        List<String> lines = log().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/sluice";
    }

    /** A new pgjdbc connection as the default superuser. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "sluice", "");
    }

    /** A new pgjdbc connection as {@code user} with {@code password}. */
    public Connection connect(String user, String password) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    /**
     * Runs {@code psql} against this server with the given extra arguments (e.g. {@code "-c",
     * "SELECT 1"}) and waits for it, at most a minute.
     */
    public ProcessResult psql(String... args) {
        return psqlAs("sluice", null, args);
    }

    /**
     * Runs another client program (a Python or node script) against this server, with {@code
     * PGPORT} set, and returns its output (stdout and stderr, trimmed).
     *
     * @throws IllegalStateException with the output when it exits non-zero or runs over a minute
     */
    public String runClient(ProcessBuilder pb) {
        pb.environment().put("PGPORT", Integer.toString(port));
        pb.redirectErrorStream(true);
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(pb.command() + " failed:\n" + out);
            }
            return out.trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code psql} as {@code user}, with {@code password} in {@code PGPASSWORD} (none when
     * null; psql never prompts, {@code -w}).
     */
    public ProcessResult psqlAs(String user, String password, String... args) {
        List<String> command = new ArrayList<>(List.of(
                "psql",
                "-X",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(port),
                "-w",
                "-U",
                user,
                "sluice"));
        command.addAll(List.of(args));
        Map<String, String> psqlEnv = new LinkedHashMap<>();
        if (password != null) {
            psqlEnv.put("PGPASSWORD", password);
        }
        return ProcessResult.run(command, psqlEnv, null, Duration.ofMinutes(1));
    }

    /** Sends SIGKILL and waits for the process to be gone: a crash, nothing flushed or closed. */
    public void kill9() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /** Sends SIGTERM and returns the exit code of the orderly shutdown. */
    public int stop() {
        process.destroy();
        return waitFor(Duration.ofSeconds(30));
    }

    /** Starts the server again on the same port and data directory (after {@link #kill9} or {@link #stop}). */
    public void restart() {
        if (isAlive()) {
            throw new IllegalStateException("server is still running; stop() or kill9() it first");
        }
        launch();
    }

    private int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills the server if it still runs and deletes its directory. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        deleteRecursively(workDir);
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The exit code and output of a finished child process. */
    public record ProcessResult(int exitCode, String stdout, String stderr) {
        /** Runs a command with no standard input, capturing both outputs. */
        public static ProcessResult run(List<String> command, Duration timeout) {
            return run(command, Map.of(), null, timeout);
        }

        /**
         * Runs a command with extra environment variables and {@code stdin} as its standard input
         * (none when null), capturing both outputs.
         */
        public static ProcessResult run(List<String> command, Map<String, String> env, String stdin, Duration timeout) {
            try {
                ProcessBuilder builder = new ProcessBuilder(command);
                builder.environment().putAll(env);
                if (stdin == null) {
                    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                }
                Process p = builder.start();
                if (stdin != null) {
                    try (var in = p.getOutputStream()) {
                        in.write(stdin.getBytes(StandardCharsets.UTF_8));
                    }
                }
                StreamCollector out = new StreamCollector(p.getInputStream());
                StreamCollector err = new StreamCollector(p.getErrorStream());
                out.start();
                err.start();
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    p.waitFor();
                }
                out.join();
                err.join();
                return new ProcessResult(p.exitValue(), out.text(), err.text());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run " + command.get(0), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static final class StreamCollector extends Thread {
        private final java.io.InputStream in;
        private final StringBuilder text = new StringBuilder();

        StreamCollector(java.io.InputStream in) {
            this.in = in;
            setDaemon(true);
        }

        @Override
        public void run() {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    synchronized (text) {
                        text.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // the process went away; what was read is what there is
            }
        }

        String text() {
            synchronized (text) {
                return text.toString();
            }
        }
    }
}
