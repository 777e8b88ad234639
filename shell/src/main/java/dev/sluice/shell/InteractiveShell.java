package dev.sluice.shell;

import java.io.IOException;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive loop: reads statements (possibly over several lines, ending at {@code ;}), runs
 * them, and keeps going. Ctrl-C while a statement runs cancels it; Ctrl-C at the prompt clears the
 * line; Ctrl-D on an empty line or {@code \q} exits.
 */
final class InteractiveShell {
    private final StatementRunner runner;
    private final String target;

    InteractiveShell(StatementRunner runner, String target) {
        this.runner = runner;
        this.target = target;
    }

    int run() throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".sluice_history"))
                    .build();
            terminal.handle(Terminal.Signal.INT, signal -> runner.cancelRunning());
            terminal.writer().println("Connected to Sluice at " + target + ". Type \\q to quit.");
            StringBuilder statement = new StringBuilder();
            while (true) {
                String line;
                try {
                    line = reader.readLine(statement.length() == 0 ? "sluice> " : "     -> ");
                } catch (UserInterruptException e) {
                    statement.setLength(0);
                    continue;
                } catch (EndOfFileException e) {
                    return 0;
                }
                String trimmed = line.trim();
                if (statement.length() == 0
                        && (trimmed.equals("\\q") || trimmed.equals("quit") || trimmed.equals("exit"))) {
                    return 0;
                }
                statement.append(line).append('\n');
                if (trimmed.endsWith(";")) {
                    runner.runScript(statement.toString(), "input");
                    statement.setLength(0);
                }
            }
        }
    }
}
