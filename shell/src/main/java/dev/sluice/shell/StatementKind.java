package dev.sluice.shell;

import dev.sluice.sql.lexer.SqlLexer;
import dev.sluice.sql.lexer.SqlToken;
import dev.sluice.sql.lexer.TokenCategory;
import java.util.List;
import java.util.Locale;

/**
 * What the shell needs to know about a statement before sending it, read from its tokens: whether
 * its result never ends (a push query, streamed as rows arrive), whether it changes the catalog (so
 * completion reloads names), and the command tag to print for a result without rows.
 *
 * @param push {@code SELECT ... EMIT ...}, {@code SUBSCRIBE ...} or {@code PRINT topic}
 * @param changesCatalog {@code CREATE}, {@code DROP} or {@code ALTER}
 * @param tag what to print after a statement that returns no rows ({@code CREATE STREAM}, {@code
 *     INSERT})
 */
record StatementKind(boolean push, boolean changesCatalog, String tag) {
    static StatementKind of(String sql) {
        List<SqlToken> tokens = SqlLexer.tokenize(sql).stream()
                .filter(t -> t.category() != TokenCategory.WHITESPACE && t.category() != TokenCategory.COMMENT)
                .toList();
        if (tokens.isEmpty()) {
            return new StatementKind(false, false, "");
        }
        String first = word(tokens, 0);
        boolean changesCatalog = first.equals("CREATE") || first.equals("DROP") || first.equals("ALTER");
        return new StatementKind(isPush(tokens, first), changesCatalog, tag(tokens, first));
    }

    private static String word(List<SqlToken> tokens, int i) {
        return i < tokens.size() ? tokens.get(i).text().toUpperCase(Locale.ROOT) : "";
    }

    /**
     * A query is push when its top level (outside parentheses) has {@code EMIT}: {@code EMIT CHANGES}
     * and {@code EMIT FINAL} both stream forever. {@code CREATE ... AS SELECT ... EMIT CHANGES} and
     * {@code INSERT INTO ... SELECT ... EMIT CHANGES} start persistent queries and return at once,
     * so only statements that begin with a query count.
     */
    private static boolean isPush(List<SqlToken> tokens, String first) {
        if (first.equals("SUBSCRIBE") || first.equals("PRINT") && !hasTopLevel(tokens, "LIMIT")) {
            return true;
        }
        boolean query = first.equals("SELECT") || first.equals("WITH") || first.equals("(");
        return query && hasTopLevel(tokens, "EMIT");
    }

    private static boolean hasTopLevel(List<SqlToken> tokens, String keyword) {
        int depth = 0;
        for (SqlToken t : tokens) {
            switch (t.text()) {
                case "(" -> depth++;
                case ")" -> depth--;
                default -> {
                    if (depth <= 0
                            && t.category() == TokenCategory.KEYWORD
                            && t.text().equalsIgnoreCase(keyword)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String tag(List<SqlToken> tokens, String first) {
        return switch (first) {
            case "CREATE", "DROP", "ALTER" -> {
                // CREATE [OR REPLACE] [MATERIALIZED] VIEW|STREAM|TABLE ...: keep the object kind
                StringBuilder sb = new StringBuilder(first);
                for (int i = 1; i < Math.min(tokens.size(), 4); i++) {
                    String w = word(tokens, i);
                    if (tokens.get(i).category() != TokenCategory.KEYWORD || w.equals("IF")) {
                        break;
                    }
                    if (w.equals("OR") || w.equals("REPLACE")) {
                        continue;
                    }
                    sb.append(' ').append(w);
                    if (!w.equals("MATERIALIZED")) {
                        break;
                    }
                }
                yield sb.toString();
            }
            default -> first;
        };
    }
}
