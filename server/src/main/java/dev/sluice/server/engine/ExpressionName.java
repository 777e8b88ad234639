package dev.sluice.server.engine;

import dev.sluice.sql.ast.CreateAs;
import dev.sluice.sql.ast.Statement;

/** Names a statement kind the way users write it, for "... is not supported" messages. */
final class ExpressionName {
    private ExpressionName() {}

    static String of(Statement s) {
        if (s instanceof CreateAs c) {
            return "CREATE " + c.kind().sql() + " ... AS";
        }
        String simple = s.getClass().getSimpleName();
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < simple.length(); i++) {
            char c = simple.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                words.append(' ');
            }
            words.append(Character.toUpperCase(c));
        }
        return words.toString();
    }
}
