package dev.sluice.shell;

import dev.sluice.shell.StatementRunner.Outcome;
import java.nio.file.Path;
import java.util.Locale;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The interactive loop over a JLine terminal.
 *
 * <ol>
 *   <li>Read one entry: {@link SqlLineParser} keeps Enter adding lines until every statement ends
 *       with {@code ;}, with a continuation prompt that says what is open.
 *   <li>Run its statements and meta-commands in order ({@link StatementRunner}); the first failure
 *       skips the rest of the entry.
 *   <li>Repeat until {@code \q} or Ctrl-D on an empty line.
 * </ol>
 *
 * <p>Ctrl-C: at the prompt JLine discards the line (UserInterruptException); while a statement runs
 * the INT handler installed here cancels it ({@link StatementRunner#cancel()}), and the shell stays.
 * The handler is replaced around each {@code readLine} by JLine's own and put back after, so it only
 * acts while a statement runs.
 */
final class InteractiveShell {
    private final Terminal terminal;
    private final StatementRunner runner;
    private final CatalogCache catalog;
    private final Path historyFile;

    InteractiveShell(Terminal terminal, StatementRunner runner, CatalogCache catalog, Path historyFile) {
        this.terminal = terminal;
        this.runner = runner;
        this.catalog = catalog;
        this.historyFile = historyFile;
    }

    LineReader newReader() {
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("sluice")
                .parser(new SqlLineParser())
                .highlighter(new SqlHighlighter())
                .completer(new SqlCompleter(catalog))
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, SqlLineParser.SECONDARY_PROMPT)
                .variable(LineReader.HISTORY_SIZE, 5000)
                // '!' is an SQL operator (!=), never history expansion
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.CASE_INSENSITIVE, true)
                .option(LineReader.Option.HISTORY_IGNORE_DUPS, true);
        if (historyFile != null) {
            builder.variable(LineReader.HISTORY_FILE, historyFile);
        }
        return builder.build();
    }

    /** Runs until the user quits; returns the exit status (0). */
    int run(String banner) {
        LineReader reader = newReader();
        terminal.handle(Terminal.Signal.INT, signal -> runner.cancel());
        if (banner != null) {
            terminal.writer().println(banner);
            terminal.writer().flush();
        }
        while (true) {
            String entry;
            try {
                entry = reader.readLine(SqlLineParser.PROMPT);
            } catch (UserInterruptException e) {
                continue; // Ctrl-C at the prompt: the line is dropped, the shell stays
            } catch (EndOfFileException e) {
                break;
            }
            if (entry == null) {
                break; // a dumb terminal reports end of input as null
            }
            String word = entry.strip().toLowerCase(Locale.ROOT);
            if (word.equals("quit") || word.equals("exit")) {
                break;
            }
            if (runner.runScript(entry, null) == Outcome.QUIT) {
                break;
            }
        }
        saveHistory(reader);
        return 0;
    }

    private static void saveHistory(LineReader reader) {
        try {
            reader.getHistory().save();
        } catch (java.io.IOException | RuntimeException e) {
            // JLine already warned when the file could not be written; exiting goes on
        }
    }
}
