package dev.sluice.shell;

import dev.sluice.shell.StatementRunner.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/** The backslash commands: what {@code \?} lists, run by the shell itself rather than the server. */
final class MetaCommands {
    static final String HELP =
            """
            Meta-commands (one per line; SQL statements end with ;)
              \\?                 show this help
              \\q                 quit (Ctrl-D on an empty line also quits)
              \\d                 list streams, tables and views
              \\d NAME            describe a stream, table or view (its columns and types)
              \\dt                list tables          \\dv   list views          \\ds   list streams
              \\i FILE            run the statements in FILE, stopping at the first error
              \\o [FILE]          send query output to FILE; without FILE, back to the terminal
              \\timing [on|off]   show how long each statement took
              \\x [on|off|auto]   one block per row (auto: when the table is wider than the terminal)
              \\set [NAME VALUE]  show or change a setting: format (table|csv|json), expanded,
                                 timing, types (column types in the header), null (how NULL looks),
                                 fetch_size (rows per round trip of a push query),
                                 editing_mode (vi|emacs key bindings; also --vi, or
                                 'set editing-mode vi' in ~/.inputrc)
            Push queries (SELECT ... EMIT CHANGES, SUBSCRIBE TO ...) print rows as they arrive;
            Ctrl-C stops the running statement and returns to the prompt.
            """;

    private final StatementRunner runner;
    private final Backend backend;
    private final ShellSettings settings;
    private final ShellIo io;

    MetaCommands(StatementRunner runner, Backend backend, ShellSettings settings, ShellIo io) {
        this.runner = runner;
        this.backend = backend;
        this.settings = settings;
        this.io = io;
    }

    Outcome run(MetaCommand cmd, ScriptItem item, String source) {
        try {
            return switch (cmd.name()) {
                case "?", "help" -> print(HELP);
                case "q", "quit" -> Outcome.QUIT;
                case "d" -> cmd.arg(0) == null ? list(r -> true) : describe(cmd.arg(0));
                case "dt" -> list(r -> r.kind().equalsIgnoreCase("TABLE"));
                case "dv" -> list(r -> r.kind().toUpperCase(Locale.ROOT).endsWith("VIEW"));
                case "ds" -> list(r -> r.kind().equalsIgnoreCase("STREAM"));
                case "i", "include" -> include(cmd.arg(0));
                case "o", "out" -> redirect(cmd.arg(0));
                case "timing" -> {
                    settings.timing =
                            cmd.arg(0) == null ? !settings.timing : ShellSettings.parseBoolean(cmd.arg(0), "timing");
                    yield message("Timing is " + (settings.timing ? "on." : "off."));
                }
                case "x" -> {
                    if (cmd.arg(0) == null) {
                        settings.expanded = settings.expanded == Expanded.ON ? Expanded.OFF : Expanded.ON;
                    } else {
                        settings.set("expanded", cmd.arg(0));
                    }
                    yield message(
                            "Expanded display is " + settings.expanded.name().toLowerCase(Locale.ROOT) + ".");
                }
                case "set" -> set(cmd);
                default -> throw new IllegalArgumentException("invalid command \\" + cmd.name() + "; try \\? for help");
            };
        } catch (IllegalArgumentException | SQLException | IOException e) {
            String where = source == null ? "" : source + ":" + item.line() + ": ";
            io.err.println(where + io.style.error("ERROR:") + "  "
                    + (e instanceof SQLException sql
                            ? ErrorRenderer.ErrorInfo.of(sql).message()
                            : e.getMessage()));
            return Outcome.FAILED;
        }
    }

    private Outcome print(String text) {
        io.out().print(text);
        io.out().flush();
        return Outcome.OK;
    }

    /** Settings changes are messages for the user, not query output, so they skip {@code \o}. */
    private Outcome message(String text) {
        io.err.println(text);
        return Outcome.OK;
    }

    private Outcome list(Predicate<Catalog.Relation> filter) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        for (Catalog.Relation r : backend.catalog().relations()) {
            if (filter.test(r)) {
                rows.add(new String[] {r.schema(), r.name(), r.kind().toLowerCase(Locale.ROOT)});
            }
        }
        if (rows.isEmpty()) {
            return message("Did not find any relations.");
        }
        rows.sort((a, b) -> (a[0] + "." + a[1]).compareTo(b[0] + "." + b[1]));
        List<Column> columns =
                List.of(new Column("Schema", "text"), new Column("Name", "text"), new Column("Type", "text"));
        return print(render(columns, rows));
    }

    private Outcome describe(String name) throws SQLException {
        List<Column> columns = backend.catalog().columns(name);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("did not find any relation named \"" + name + "\"");
        }
        List<String[]> rows = new ArrayList<>();
        for (Column c : columns) {
            rows.add(new String[] {c.name(), c.type()});
        }
        return print(render(List.of(new Column("Column", "text"), new Column("Type", "text")), rows));
    }

    private String render(List<Column> columns, List<String[]> rows) {
        TableRenderer.Options o = new TableRenderer.Options(false, settings.nullText, Expanded.OFF, 0, io.outStyle());
        return TableRenderer.render(columns, rows, o);
    }

    private Outcome include(String file) throws IOException {
        if (file == null) {
            throw new IllegalArgumentException("\\i needs a file name");
        }
        String text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        Outcome outcome = runner.runScript(text, file);
        return outcome;
    }

    private Outcome redirect(String file) throws IOException {
        if (file == null) {
            io.closeRedirect();
            return Outcome.OK;
        }
        io.redirect(Path.of(file));
        return Outcome.OK;
    }

    private Outcome set(MetaCommand cmd) {
        if (cmd.args().isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, String> e : settings.values().entrySet()) {
                sb.append(e.getKey()).append(" = '").append(e.getValue()).append("'\n");
            }
            return print(sb.toString());
        }
        if (cmd.args().size() < 2) {
            throw new IllegalArgumentException("\\set needs a name and a value, e.g. \\set format csv");
        }
        settings.set(
                cmd.arg(0), String.join(" ", cmd.args().subList(1, cmd.args().size())));
        return Outcome.OK;
    }
}
