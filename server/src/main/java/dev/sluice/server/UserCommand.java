package dev.sluice.server;

import dev.sluice.pgwire.auth.UserStore;
import dev.sluice.server.auth.FileUserStore;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sluice user add|remove|list}: manages the users of a stopped server's data directory.
 *
 * <p>Each subcommand takes the data-directory lock, so it refuses to run while a server uses the
 * directory (the server reads the users file once at start), and edits {@code <data-dir>/users}
 * through {@link FileUserStore}.
 */
@Command(
        name = "user",
        mixinStandardHelpOptions = true,
        description = {
            "Manages the users of a server's data directory (the server must be stopped).",
            "Passwords are stored as salted, iterated SCRAM-SHA-256 verifiers, never in clear text."
        },
        subcommands = {UserCommand.Add.class, UserCommand.Remove.class, UserCommand.ListUsers.class})
final class UserCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Options every subcommand shares. */
    static class DataDirOptions {
        @Option(
                names = {"-D", "--data-dir"},
                paramLabel = "DIR",
                defaultValue = ServerConfig.DEFAULT_DATA_DIR,
                description = "The server's data directory (default: ${DEFAULT-VALUE}; env SLUICE_DATA_DIR).")
        Path dataDir;

        @Option(
                names = "--config",
                paramLabel = "FILE",
                description = "Properties file with option defaults, as for `sluice server` (env SLUICE_CONFIG).")
        Path config;

        /** Locks the data directory for the duration of {@code action}. */
        <T> T withStore(java.util.function.Function<FileUserStore, T> action) {
            DataDirLock lock;
            try {
                lock = DataDirLock.acquire(dataDir);
            } catch (StartupException e) {
                throw new StartupException(
                        e.getMessage() + " (users can be changed only while the server is stopped)", e);
            }
            try (lock) {
                return action.apply(FileUserStore.open(dataDir));
            } catch (FileUserStore.UserStoreException e) {
                throw new StartupException(e.getMessage(), e);
            } catch (IOException e) {
                throw new StartupException("cannot release the data directory lock: " + e.getMessage(), e);
            }
        }
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = {
                "Creates a user, or sets a new password for an existing one (e.g. the default superuser sluice).",
                "The password is read from a prompt, or from the first line of standard input with --password-stdin."
            },
            sortOptions = false)
    static final class Add extends DataDirOptions implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "The user name (as clients send it: psql -U NAME).")
        String name;

        @Option(
                names = "--password-stdin",
                description = "Read the password from the first line of standard input instead of prompting.")
        boolean passwordStdin;

        @Option(names = "--superuser", description = "Make the user a superuser (sluice always is one).")
        boolean superuser;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            try {
                FileUserStore.validateName(name);
            } catch (IllegalArgumentException e) {
                throw new StartupException(e.getMessage());
            }
            String password = passwordStdin ? readStdinLine() : prompt(name);
            if (password.isEmpty()) {
                throw new StartupException("the password must not be empty");
            }
            boolean created = withStore(store -> store.setPassword(name, password, superuser));
            PrintWriter out = spec.commandLine().getOut();
            out.println((created ? "created user " : "changed the password of user ") + name + " in "
                    + dataDir.resolve(FileUserStore.FILE_NAME));
            out.flush();
            return 0;
        }

        private static String readStdinLine() {
            try {
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                String line = in.readLine();
                if (line == null) {
                    throw new StartupException("--password-stdin: standard input is empty");
                }
                return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            } catch (IOException e) {
                throw new StartupException("--password-stdin: cannot read standard input: " + e.getMessage());
            }
        }

        private static String prompt(String name) {
            Console console = System.console();
            if (console == null) {
                throw new StartupException(
                        "no terminal to ask for the password; pipe it in with --password-stdin instead");
            }
            char[] first = console.readPassword("Password for user %s: ", name);
            char[] second = console.readPassword("Enter it again: ");
            if (first == null || second == null) {
                throw new StartupException("no password entered");
            }
            try {
                if (!Arrays.equals(first, second)) {
                    throw new StartupException("the passwords do not match; nothing changed");
                }
                return new String(first);
            } finally {
                Arrays.fill(first, '\0');
                Arrays.fill(second, '\0');
            }
        }
    }

    @Command(
            name = "remove",
            mixinStandardHelpOptions = true,
            description = "Removes a user (for the default superuser sluice: removes its password).")
    static final class Remove extends DataDirOptions implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            boolean removed = withStore(store -> store.remove(name));
            if (!removed) {
                throw new StartupException("there is no user " + name);
            }
            spec.commandLine().getOut().println("removed user " + name);
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the users.")
    static final class ListUsers extends DataDirOptions implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (UserStore.User u : withStore(FileUserStore::users)) {
                out.println(u.name() + "\t" + (u.superuser() ? "superuser" : "user") + "\t"
                        + (u.credential() == null ? "no password" : "password"));
            }
            out.flush();
            return 0;
        }
    }
}
