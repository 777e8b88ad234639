package dev.sluice.server;

import dev.sluice.shell.ShellCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sluice} command: {@code sluice server}, {@code sluice shell} and {@code sluice user}. */
@Command(
        name = "sluice",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Sluice: a streaming SQL database that speaks PostgreSQL.",
        subcommands = {ServerCommand.class, ShellCommand.class, UserCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (0 ok, 1 failed to start or run, 2 usage). */
    static int run(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        try {
            cli.setDefaultValueProvider(ConfigDefaults.forArgs(args, System.getenv()));
        } catch (java.io.UncheckedIOException e) {
            System.err.println("sluice: " + e.getMessage());
            return 1;
        }
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof StartupException) {
                err.println("sluice: " + e.getMessage());
            } else {
                err.println("sluice: " + e);
                e.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        // "sluice" alone: show what it can do.
        spec.commandLine().usage(System.out);
    }

    /** Reports the version from the jar manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"Sluice " + (v == null ? "development build" : v)};
        }
    }
}
