package dev.sluice.shell;

import dev.sluice.sql.lexer.SqlLexer;
import dev.sluice.sql.lexer.SqlToken;
import dev.sluice.sql.lexer.TokenCategory;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion: keywords (from the grammar), statement templates at the start of a statement,
 * stream/table/view names from the live catalog, and columns: after {@code name.} those of that
 * relation, elsewhere those of the relations the statement mentions. After {@code \d} only names.
 *
 * <p>Keywords follow the case the user types ({@code sel} → {@code select}).
 */
final class SqlCompleter implements Completer {
    /** Statement starts worth a template: the value inserted, and what follows it. */
    static final List<String[]> TEMPLATES = List.of(
            new String[] {"CREATE STREAM ", "name (col TYPE, ...) WITH (partitions = 1);"},
            new String[] {"CREATE TABLE ", "name (id INT PRIMARY KEY, ...);"},
            new String[] {"CREATE MATERIALIZED VIEW ", "name AS SELECT ... GROUP BY ...;"},
            new String[] {"INSERT INTO ", "name VALUES (...);"},
            new String[] {"SELECT * FROM ", "name [WHERE ...] [EMIT CHANGES];"},
            new String[] {"SUBSCRIBE TO ", "name;  push query: rows as they change"},
            new String[] {"DESCRIBE ", "name;"},
            new String[] {"SHOW STREAMS;", ""},
            new String[] {"SHOW TABLES;", ""},
            new String[] {"SHOW MATERIALIZED VIEWS;", ""},
            new String[] {"SHOW QUERIES;", "running persistent queries and their lag"},
            new String[] {"SHOW TOPICS;", ""},
            new String[] {"PRINT ", "topic FROM BEGINNING LIMIT 10;"},
            new String[] {"DROP STREAM ", "name;"},
            new String[] {"DROP TABLE ", "name;"},
            new String[] {"TERMINATE ", "query_id;"},
            new String[] {"EXPLAIN ", "statement;"});

    static final List<String> META_COMMANDS =
            List.of("\\?", "\\q", "\\d", "\\dt", "\\dv", "\\ds", "\\i", "\\o", "\\timing", "\\x", "\\set");

    private final CatalogCache catalog;

    SqlCompleter(CatalogCache catalog) {
        this.catalog = catalog;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        candidates.addAll(candidates(line.line(), line.cursor(), line.word().substring(0, line.wordCursor())));
    }

    List<Candidate> candidates(String buffer, int cursor, String prefix) {
        List<Candidate> out = new ArrayList<>();
        String upToWord = buffer.substring(0, cursor - prefix.length());
        if (prefix.startsWith("\\")) {
            META_COMMANDS.forEach(m -> out.add(new Candidate(m, m, "meta-commands", null, null, null, true)));
            return out;
        }
        String meta = metaCommandAt(upToWord);
        if (meta != null) {
            if (meta.startsWith("\\d")) {
                relationNames(out);
            }
            return out;
        }
        String before = currentStatement(upToWord);
        int dot = prefix.lastIndexOf('.');
        if (dot > 0) {
            String qualifier = prefix.substring(0, dot);
            for (Column c : catalog.columns(qualifier)) {
                out.add(new Candidate(qualifier + "." + c.name(), c.name(), "columns", c.type(), null, null, true));
            }
            for (Catalog.Relation r : catalog.relations()) {
                if (qualifier.equalsIgnoreCase(r.schema())) {
                    out.add(new Candidate(qualifier + "." + r.name(), r.name(), kindGroup(r), null, null, null, true));
                }
            }
            return out;
        }
        boolean lower = !prefix.isEmpty() && Character.isLowerCase(prefix.charAt(0));
        List<SqlToken> words = realTokens(before);
        if (words.isEmpty()) {
            for (String[] t : TEMPLATES) {
                String value = lower ? t[0].toLowerCase(Locale.ROOT) : t[0];
                out.add(new Candidate(
                        value, value.strip(), "statements", t[1].isEmpty() ? null : t[1], null, null, false));
            }
        }
        for (String k : SqlLexer.keywords()) {
            String value = lower ? k.toLowerCase(Locale.ROOT) : k;
            out.add(new Candidate(value, value, "keywords", null, null, null, true));
        }
        relationNames(out);
        // columns of the relations this statement names, so "SELECT na<TAB> FROM users" works
        Set<String> seen = new LinkedHashSet<>();
        Set<String> mentioned = new LinkedHashSet<>();
        for (SqlToken t : realTokens(currentStatement(buffer))) {
            if (t.category() == TokenCategory.IDENTIFIER) {
                mentioned.add(t.text().toLowerCase(Locale.ROOT));
            }
        }
        for (Catalog.Relation r : catalog.relations()) {
            if (mentioned.contains(r.name().toLowerCase(Locale.ROOT))) {
                for (Column c : catalog.columns(r.name())) {
                    if (seen.add(c.name())) {
                        out.add(new Candidate(c.name(), c.name(), "columns", c.type(), null, null, true));
                    }
                }
            }
        }
        return out;
    }

    private void relationNames(List<Candidate> out) {
        for (Catalog.Relation r : catalog.relations()) {
            out.add(new Candidate(r.name(), r.name(), kindGroup(r), r.schema() + "." + r.name(), null, null, true));
        }
    }

    private static String kindGroup(Catalog.Relation r) {
        String kind = r.kind().toLowerCase(Locale.ROOT);
        return kind.endsWith("view") ? "views" : kind.isEmpty() ? "relations" : kind + "s";
    }

    /** The meta-command ({@code \\d}) whose arguments the cursor is in, or null. */
    static String metaCommandAt(String upToWord) {
        List<ScriptItem> items = ScriptSplitter.split(upToWord);
        if (items.isEmpty()) {
            return null;
        }
        ScriptItem last = items.get(items.size() - 1);
        if (!last.isMeta() || upToWord.indexOf('\n', last.offset()) >= 0) {
            return null;
        }
        return MetaCommand.parse(last.text()).name().isEmpty()
                ? null
                : "\\" + MetaCommand.parse(last.text()).name();
    }

    /** The text of the statement the cursor is in: what follows the last complete statement. */
    static String currentStatement(String text) {
        List<ScriptItem> items = ScriptSplitter.split(text);
        if (items.isEmpty()) {
            return "";
        }
        ScriptItem last = items.get(items.size() - 1);
        return last.terminated() ? "" : text.substring(last.offset());
    }

    private static List<SqlToken> realTokens(String text) {
        return SqlLexer.tokenize(text).stream()
                .filter(t -> t.category() != TokenCategory.WHITESPACE && t.category() != TokenCategory.COMMENT)
                .toList();
    }
}
