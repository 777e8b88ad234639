package dev.sluice.shell;

import dev.sluice.shell.StatementRunner.Outcome;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.InputRC;
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
 *
 * <p>Key bindings: Emacs by default; vi with {@code --vi}, {@code \set editing_mode vi}, or {@code set
 * editing-mode vi} in the readline init file ({@code $INPUTRC}, else {@code ~/.inputrc}, which JLine
 * reads as readline would). The setting is applied before each prompt, so {@code \set} takes effect
 * at the next line.
 */
final class InteractiveShell {
    private final Terminal terminal;
    private final StatementRunner runner;
    private final CatalogCache catalog;
    private final Path historyFile;
    private final Path inputrc;

    InteractiveShell(Terminal terminal, StatementRunner runner, CatalogCache catalog, Path historyFile) {
        this(terminal, runner, catalog, historyFile, null);
    }

    /**
     * @param inputrc a readline init file to read ({@code set editing-mode vi}, key bindings), or
     *     null for none
     */
    InteractiveShell(Terminal terminal, StatementRunner runner, CatalogCache catalog, Path historyFile, Path inputrc) {
        this.terminal = terminal;
        this.runner = runner;
        this.catalog = catalog;
        this.historyFile = historyFile;
        this.inputrc = inputrc;
    }

    /** {@code $INPUTRC}, else {@code $HOME/.inputrc}, as readline looks for it; null when there is none. */
    static Path defaultInputrc() {
        String env = System.getenv("INPUTRC");
        Path file;
        if (env != null && !env.isBlank()) {
            file = Path.of(env);
        } else {
            String home = System.getenv("HOME");
            file = Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".inputrc");
        }
        return Files.isRegularFile(file) ? file : null;
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
        LineReader reader = builder.build();
        readInputrc(reader);
        ShellSettings settings = runner.settings();
        if (settings.editingMode == null) {
            // JLine keeps readline's "set editing-mode vi" as a variable of that name.
            Object fromInputrc = reader.getVariable("editing-mode");
            settings.editingMode = "vi".equals(fromInputrc) ? "vi" : "emacs";
        }
        applyEditingMode(reader);
        return reader;
    }

    private void readInputrc(LineReader reader) {
        if (inputrc == null) {
            return;
        }
        try (Reader in = Files.newBufferedReader(inputrc, StandardCharsets.UTF_8)) {
            InputRC.configure(reader, in);
        } catch (IOException | RuntimeException e) {
            terminal.writer().println("sluice shell: ignoring " + inputrc + ": " + e.getMessage());
        }
    }

    private static boolean isVi(LineReader reader) {
        return LineReader.VIINS.equals(mainKeyMap(reader));
    }

    /**
     * Which key map a new line starts in: {@code viins} or {@code emacs} (or {@code dumb} on a dumb
     * terminal that never switched). JLine's readLine always starts in the key map named {@code
     * main}, so a mode is chosen by making {@code main} that map, as zsh's {@code bindkey -v} does.
     */
    static String mainKeyMap(LineReader reader) {
        var maps = reader.getKeyMaps();
        var main = maps.get(LineReader.MAIN);
        for (String name : new String[] {LineReader.VIINS, LineReader.EMACS}) {
            if (main == maps.get(name)) {
                return name;
            }
        }
        return LineReader.MAIN;
    }

    /**
     * Makes a new line start with the key bindings {@code \\set editing_mode} asks for. Emacs is
     * JLine's own default, so it is only set explicitly when switching back from vi.
     */
    void applyEditingMode(LineReader reader) {
        boolean vi = "vi".equals(runner.settings().editingMode);
        var maps = reader.getKeyMaps();
        if (vi && !isVi(reader)) {
            maps.put(LineReader.MAIN, maps.get(LineReader.VIINS));
        } else if (!vi && isVi(reader)) {
            maps.put(LineReader.MAIN, maps.get(LineReader.EMACS));
        }
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
            applyEditingMode(reader);
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
