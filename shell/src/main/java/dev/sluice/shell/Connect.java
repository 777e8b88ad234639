package dev.sluice.shell;

import java.io.Console;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens the pgjdbc connection and turns its failures into one clear sentence: the server is not
 * there, the login was refused, or it did not answer. When the server asks for a password that was
 * not given and a person is at the terminal, it asks for one, as psql does.
 */
final class Connect {
    /** Seconds to wait for the server to accept and finish the handshake (a hung server must not hang us). */
    static final int LOGIN_TIMEOUT_SECONDS = 15;

    private Connect() {}

    /** Connection flags. */
    record Settings(
            String host, int port, String user, String password, String database, String sslMode, Path sslRootCert) {
        String url() {
            String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
            return "jdbc:postgresql://" + h + ":" + port + "/" + database;
        }

        Properties properties() {
            Properties props = new Properties();
            props.setProperty("user", user);
            if (password != null) {
                props.setProperty("password", password);
            }
            props.setProperty("ApplicationName", "sluice shell");
            props.setProperty("connectTimeout", "10");
            props.setProperty("loginTimeout", String.valueOf(LOGIN_TIMEOUT_SECONDS));
            if (sslMode != null) {
                props.setProperty("sslmode", sslMode);
            }
            if (sslRootCert != null) {
                props.setProperty("sslrootcert", sslRootCert.toString());
            }
            return props;
        }

        Settings withPassword(String pw) {
            return new Settings(host, port, user, pw, database, sslMode, sslRootCert);
        }
    }

    /** Why the shell could not connect, worded for the user. */
    static final class ConnectException extends Exception {
        ConnectException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static Connection open(Settings s, PrintStream err) throws ConnectException {
        try {
            return DriverManager.getConnection(s.url(), s.properties());
        } catch (SQLException e) {
            Console console = System.console();
            if (s.password() == null && asksForPassword(e) && console != null) {
                char[] pw = console.readPassword("Password for user %s: ", s.user());
                if (pw != null) {
                    try {
                        return DriverManager.getConnection(
                                s.url(), s.withPassword(new String(pw)).properties());
                    } catch (SQLException again) {
                        throw new ConnectException(describe(s, again), again);
                    }
                }
            }
            throw new ConnectException(describe(s, e), e);
        }
    }

    /** pgjdbc says 08004 with "no password was provided" when the server wants one. */
    static boolean asksForPassword(SQLException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        return m.contains("no password was provided");
    }

    static String describe(Settings s, SQLException e) {
        String where = s.host() + ":" + s.port();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (state.equals("28P01") || state.equals("28000")) {
            return "cannot log in to " + where + " as \"" + s.user() + "\": " + message;
        }
        if (asksForPassword(e)) {
            return "cannot log in to " + where + " as \"" + s.user() + "\": the server wants a password; give -W";
        }
        if (state.equals("08001") && message.contains("refused")) {
            return "cannot connect to " + where + ": connection refused. Is the server running"
                    + " (bin/sluice server) and listening on that port?";
        }
        return "cannot connect to " + where + ": " + message + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")");
    }
}
