package dev.sluice.shell;

import dev.sluice.shell.StatementRunner.Outcome;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice shell}: an SQL shell over the PostgreSQL protocol (pgjdbc).
 *
 * <p>Exit codes: 0 success, 1 a statement failed (non-interactive mode stops at the first failure),
 * 2 cannot connect (unreachable server, refused login).
 */
@Command(
        name = "shell",
        description = {
            "Runs the Sluice SQL shell against a server.",
            "Without -c or -f it is interactive; with input from a pipe it runs the piped statements."
        },
        sortOptions = false)
public final class ShellCommand implements Callable<Integer> {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_CANNOT_CONNECT = 2;

    // -h is the host, as in psql, so help is --help or -? (also as in psql).
    @Option(
            names = {"-?", "--help"},
            usageHelp = true,
            description = "Show this help message and exit.")
    boolean help;

    @Option(
            names = {"-h", "--host"},
            paramLabel = "HOST",
            defaultValue = "${env:SLUICE_HOST:-127.0.0.1}",
            description = "Server host (default: ${DEFAULT-VALUE}; env SLUICE_HOST).")
    String host;

    @Option(
            names = {"-p", "--port"},
            paramLabel = "PORT",
            defaultValue = "${env:SLUICE_PORT:-5433}",
            description = "Server port (default: ${DEFAULT-VALUE}; env SLUICE_PORT).")
    int port;

    @Option(
            names = {"-U", "--user"},
            paramLabel = "USER",
            defaultValue = "${env:SLUICE_USER:-sluice}",
            description = "User name (default: ${DEFAULT-VALUE}; env SLUICE_USER).")
    String user;

    @Option(
            names = {"-W", "--password"},
            paramLabel = "PASSWORD",
            arity = "0..1",
            interactive = true,
            prompt = "Password: ",
            description = "Password; give the flag without a value to be prompted (env SLUICE_PASSWORD).")
    String password;

    @Option(
            names = {"-d", "--dbname"},
            paramLabel = "DB",
            defaultValue = "${env:SLUICE_DBNAME:-sluice}",
            description = "Database name (default: ${DEFAULT-VALUE}; env SLUICE_DBNAME).")
    String database;

    @Option(
            names = {"-c", "--command"},
            paramLabel = "SQL",
            description = "Run these statements, print their results and exit; stops at the first error.")
    String command;

    @Option(
            names = {"-f", "--file"},
            paramLabel = "FILE",
            description = "Run the statements in FILE, print their results and exit; stops at the first error.")
    Path file;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(
            names = "--sslmode",
            paramLabel = "MODE",
            defaultValue = "${env:SLUICE_SSLMODE:-prefer}",
            description = "TLS: disable, allow, prefer, require, verify-ca or verify-full, as in libpq"
                    + " (default: ${DEFAULT-VALUE}; env SLUICE_SSLMODE).")
    String sslMode;

    @Option(
            names = "--sslrootcert",
            paramLabel = "FILE",
            description = "CA certificate(s) that verify the server, for --sslmode verify-ca/verify-full.")
    Path sslRootCert;

    @Option(
            names = "--no-color",
            description = "No colors or highlighting (also when the NO_COLOR environment variable is set).")
    boolean noColor;

    @Option(
            names = "--vi",
            description = "vi key bindings in the interactive shell (default: emacs, or what ~/.inputrc's "
                    + "'set editing-mode' says; \\set editing_mode vi|emacs switches while it runs).")
    boolean vi;

    @Option(
            names = "--history",
            paramLabel = "FILE",
            description = "History file of the interactive shell (default: ~/.sluice_history; env SLUICE_HISTORY).")
    Path historyFile;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        Connection connection;
        try {
            connection = Connect.open(settings(), err);
        } catch (Connect.ConnectException e) {
            err.println("sluice shell: " + e.getMessage());
            return EXIT_CANNOT_CONNECT;
        }
        try (JdbcBackend backend = new JdbcBackend(connection)) {
            ShellSettings settings = new ShellSettings();
            settings.format = format;
            if (command != null || file != null || System.console() == null) {
                return runScripts(backend, settings, ShellIo.plain(out, err));
            }
            return interactive(backend, settings, connection);
        }
    }

    private Connect.Settings settings() {
        String pw = password != null ? password : System.getenv("SLUICE_PASSWORD");
        return new Connect.Settings(host, port, user, pw, database, sslMode, sslRootCert);
    }

    private int runScripts(Backend backend, ShellSettings settings, ShellIo io) {
        CatalogCache cache = new CatalogCache(backend.catalog());
        StatementRunner runner = new StatementRunner(backend, settings, io, cache::invalidate);
        try {
            if (command != null && runner.runScript(command, "-c") == Outcome.FAILED) {
                return EXIT_FAILED;
            }
            if (file != null) {
                String text;
                try {
                    text = Files.readString(file, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    io.err.println("sluice shell: cannot read " + file + ": " + e.getMessage());
                    return EXIT_FAILED;
                }
                return runner.runScript(text, file.toString()) == Outcome.FAILED ? EXIT_FAILED : EXIT_OK;
            }
            if (command == null) {
                String piped = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
                return runner.runScript(piped, "<stdin>") == Outcome.FAILED ? EXIT_FAILED : EXIT_OK;
            }
            return EXIT_OK;
        } catch (IOException e) {
            io.err.println("sluice shell: cannot read standard input: " + e.getMessage());
            return EXIT_FAILED;
        } finally {
            io.closeRedirect();
        }
    }

    private int interactive(Backend backend, ShellSettings settings, Connection connection) {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            boolean color = !noColor
                    && System.getenv("NO_COLOR") == null
                    && !Terminal.TYPE_DUMB.equals(terminal.getType())
                    && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
            PrintStream termOut = new PrintStream(terminal.output(), true, StandardCharsets.UTF_8);
            ShellIo io = new ShellIo(
                    termOut,
                    termOut,
                    color ? Style.ANSI : Style.PLAIN,
                    terminal::getWidth,
                    color ? PushStatus.forTerminal(terminal) : PushStatus.NONE);
            settings.expanded = Expanded.AUTO;
            if (vi) {
                settings.editingMode = "vi";
            }
            CatalogCache cache = new CatalogCache(backend.catalog());
            StatementRunner runner = new StatementRunner(backend, settings, io, cache::invalidate);
            Path history = prepareHistory(io);
            try {
                return new InteractiveShell(terminal, runner, cache, history, InteractiveShell.defaultInputrc())
                        .run(banner(connection));
            } finally {
                io.closeRedirect();
            }
        } catch (IOException e) {
            System.err.println("sluice shell: cannot open the terminal: " + e.getMessage());
            return EXIT_FAILED;
        }
    }

    /** A history file that cannot be created costs the history, not the session. */
    private Path prepareHistory(ShellIo io) {
        Path historyFile = this.historyFile != null ? this.historyFile : defaultHistoryFile();
        try {
            Path parent = historyFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!Files.exists(historyFile)) {
                Files.createFile(historyFile);
            }
            return historyFile;
        } catch (IOException | RuntimeException e) {
            io.err.println("sluice shell: no history (cannot use " + historyFile + ": " + e.getMessage() + ")");
            return null;
        }
    }

    /** $SLUICE_HISTORY, else ~/.sluice_history where ~ is $HOME (as psql does), else the JVM's user.home. */
    static Path defaultHistoryFile() {
        String env = System.getenv("SLUICE_HISTORY");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String home = System.getenv("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".sluice_history");
    }

    private String banner(Connection connection) {
        String version;
        try {
            version = " (server " + connection.getMetaData().getDatabaseProductVersion() + ")";
        } catch (SQLException e) {
            version = "";
        }
        return "Connected to Sluice at " + host + ":" + port + version + ". Type \\? for help, \\q to quit.";
    }
}
