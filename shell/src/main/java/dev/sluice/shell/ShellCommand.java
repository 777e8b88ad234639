package dev.sluice.shell;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice shell}: an SQL shell over the PostgreSQL protocol (pgjdbc).
 *
 * <p>Exit codes: 0 success, 1 a statement failed (non-interactive mode stops at the first failure),
 * 2 cannot connect.
 */
@Command(
        name = "shell",
        description = {
            "Runs the Sluice SQL shell against a server.",
            "Without -c or -f it is interactive; with input from a pipe it runs the piped statements."
        },
        sortOptions = false)
public final class ShellCommand implements Callable<Integer> {
    // -h is the host, as in psql, so help is --help or -? (also as in psql).
    @Option(
            names = {"-?", "--help"},
            usageHelp = true,
            description = "Show this help message and exit.")
    boolean help;

    @Option(
            names = {"-h", "--host"},
            paramLabel = "HOST",
            defaultValue = "127.0.0.1",
            description = "Server host (default: ${DEFAULT-VALUE}; env SLUICE_HOST).")
    String host;

    @Option(
            names = {"-p", "--port"},
            paramLabel = "PORT",
            defaultValue = "5433",
            description = "Server port (default: ${DEFAULT-VALUE}; env SLUICE_PORT).")
    int port;

    @Option(
            names = {"-U", "--user"},
            paramLabel = "USER",
            defaultValue = "sluice",
            description = "User name (default: ${DEFAULT-VALUE}; env SLUICE_USER).")
    String user;

    @Option(
            names = {"-W", "--password"},
            paramLabel = "PASSWORD",
            arity = "0..1",
            interactive = true,
            description = "Password; give the flag without a value to be prompted (env SLUICE_PASSWORD).")
    String password;

    @Option(
            names = {"-d", "--dbname"},
            paramLabel = "DB",
            defaultValue = "sluice",
            description = "Database name (default: ${DEFAULT-VALUE}; env SLUICE_DBNAME).")
    String database;

    @Option(
            names = {"-c", "--command"},
            paramLabel = "SQL",
            description = "Run these statements, print their results and exit.")
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

    @Override
    public Integer call() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        Connection connection;
        try {
            connection = connect();
        } catch (SQLException e) {
            err.println("sluice shell: cannot connect to " + host + ":" + port + ": " + e.getMessage());
            return 2;
        }
        try (connection) {
            StatementRunner runner = new StatementRunner(connection, new ResultPrinter(out, format), err);
            if (command != null) {
                return runner.runScript(command, "-c") ? 0 : 1;
            }
            if (file != null) {
                String text;
                try {
                    text = Files.readString(file, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    err.println("sluice shell: cannot read " + file + ": " + e.getMessage());
                    return 1;
                }
                return runner.runScript(text, file.toString()) ? 0 : 1;
            }
            if (System.console() == null) {
                String piped = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
                return runner.runScript(piped, "stdin") ? 0 : 1;
            }
            return new InteractiveShell(runner, host + ":" + port).run();
        } catch (SQLException | IOException e) {
            err.println("sluice shell: " + e.getMessage());
            return 1;
        }
    }

    private Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", "sluice shell");
        props.setProperty("connectTimeout", "10");
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, props);
    }
}
