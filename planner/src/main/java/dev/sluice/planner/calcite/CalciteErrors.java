package dev.sluice.planner.calcite;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.runtime.CalciteContextException;

/**
 * Turns Calcite's validation errors into PostgreSQL errors: the SQLSTATE a PostgreSQL client
 * expects, PostgreSQL's wording, and the position as a character offset into the statement text.
 */
public final class CalciteErrors {
    private record Rule(Pattern pattern, String sqlState, String format) {}

    private static final Rule[] RULES = {
        new Rule(
                Pattern.compile("Object '([^']+)' not found.*"),
                SqlState.UNDEFINED_TABLE,
                "relation \"%s\" does not exist"),
        new Rule(
                Pattern.compile("Table '([^']+)' not found"),
                SqlState.UNDEFINED_TABLE,
                "relation \"%s\" does not exist"),
        new Rule(
                Pattern.compile("Column '([^']+)' not found in any table"),
                SqlState.UNDEFINED_COLUMN,
                "column \"%s\" does not exist"),
        new Rule(
                Pattern.compile("Column '([^']+)' not found in table '([^']+)'"),
                SqlState.UNDEFINED_COLUMN,
                "column %2$s.%1$s does not exist"),
        new Rule(
                Pattern.compile("Column '([^']+)' is ambiguous"),
                SqlState.AMBIGUOUS_COLUMN,
                "column reference \"%s\" is ambiguous"),
        new Rule(
                Pattern.compile("No match found for function signature ([^(]+)\\((.*)\\)"),
                SqlState.UNDEFINED_FUNCTION,
                "function %s(%s) does not exist"),
        new Rule(
                Pattern.compile("Cannot apply '([^']+)' to arguments of type '(.*)'\\..*", Pattern.DOTALL),
                SqlState.UNDEFINED_FUNCTION,
                "operator or function %s does not accept arguments %s"),
        new Rule(
                Pattern.compile("Expression '([^']+)' is not being grouped"),
                SqlState.GROUPING_ERROR,
                "column \"%s\" must appear in the GROUP BY clause or be used in an aggregate function"),
        new Rule(Pattern.compile("(Cannot assign to target field .*)"), SqlState.DATATYPE_MISMATCH, "%s"),
        new Rule(Pattern.compile("(.*[Ii]ncompatible types?.*)"), SqlState.DATATYPE_MISMATCH, "%s"),
        new Rule(Pattern.compile("(Cannot infer .*)"), SqlState.DATATYPE_MISMATCH, "%s"),
        new Rule(Pattern.compile("(Illegal mixing of types .*)"), SqlState.DATATYPE_MISMATCH, "%s"),
    };

    private CalciteErrors() {}

    /**
     * Translates any exception thrown while validating or planning {@code sql}.
     *
     * @param sql the statement text that positions refer to (line and column 1-based)
     */
    public static SluiceException translate(Throwable e, String sql) {
        if (e instanceof SluiceException se) {
            return se;
        }
        CalciteContextException context = find(e, CalciteContextException.class);
        String message = context != null && context.getCause() != null
                ? context.getCause().getMessage()
                : e.getMessage() == null ? e.toString() : e.getMessage();
        int position = context == null ? 0 : offsetOf(sql, context.getPosLine(), context.getPosColumn());
        for (Rule rule : RULES) {
            Matcher m = rule.pattern.matcher(message);
            if (m.matches()) {
                Object[] groups = new Object[m.groupCount()];
                for (int i = 0; i < groups.length; i++) {
                    groups[i] = m.group(i + 1);
                }
                String hint = null;
                if (rule.format.startsWith("function %s(")) {
                    // PostgreSQL's spelling: function pg_foo(numeric, text) does not exist.
                    groups[0] = ((String) groups[0]).toLowerCase(java.util.Locale.ROOT);
                    groups[1] = ((String) groups[1])
                            .replace("<", "")
                            .replace(">", "")
                            .replace("CHARACTER", "text")
                            .toLowerCase(java.util.Locale.ROOT);
                    hint = "No function matches the given name and argument types. You might need to add explicit"
                            + " type casts.";
                }
                return new SluiceException(
                        rule.sqlState, String.format(rule.format, groups), null, hint, position, null);
            }
        }
        if (context != null) {
            return new SluiceException(
                    SqlState.SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION, message, null, null, position, null);
        }
        return new SluiceException(SqlState.INTERNAL_ERROR, "could not plan the query: " + message, e);
    }

    /**
     * Translates a failure while computing values (Calcite's generated code, or constant folding at
     * planning time, which surfaces as {@link ExceptionInInitializerError}).
     */
    public static SluiceException runtime(Throwable e) {
        if (e instanceof SluiceException se) {
            return se;
        }
        if (e instanceof ExceptionInInitializerError && e.getCause() != null) {
            return runtime(e.getCause());
        }
        String message = String.valueOf(e.getMessage());
        if (e instanceof ArithmeticException && message.contains("by zero")) {
            return new SluiceException(SqlState.DIVISION_BY_ZERO, "division by zero");
        }
        if (e instanceof ArithmeticException) {
            return new SluiceException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, message);
        }
        if (e instanceof NumberFormatException) {
            return new SluiceException(SqlState.INVALID_TEXT_REPRESENTATION, "invalid input syntax: " + message);
        }
        if (e instanceof java.time.DateTimeException) {
            return new SluiceException(SqlState.INVALID_DATETIME_FORMAT, message);
        }
        if (e.getCause() != null && e.getCause() != e) {
            return runtime(e.getCause());
        }
        return new SluiceException(SqlState.INTERNAL_ERROR, "query failed: " + e, e);
    }

    /** The 1-based character offset of (line, column), both 1-based; 0 when unknown. */
    static int offsetOf(String sql, int line, int column) {
        if (sql == null || line < 1 || column < 1) {
            return 0;
        }
        int offset = 0;
        for (int l = 1; l < line; l++) {
            int nl = sql.indexOf('\n', offset);
            if (nl < 0) {
                return 0;
            }
            offset = nl + 1;
        }
        int result = offset + column;
        return result <= sql.length() + 1 ? result : 0;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
