package dev.sluice.server.engine;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.sql.ast.BooleanLiteral;
import dev.sluice.sql.ast.ColumnRef;
import dev.sluice.sql.ast.Expression;
import dev.sluice.sql.ast.NumberLiteral;
import dev.sluice.sql.ast.Property;
import dev.sluice.sql.ast.StringLiteral;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code WITH (name = value, ...)} options of a statement, checked against the ones it accepts. */
final class WithOptions {
    private static final Pattern DURATION = Pattern.compile(
            "\\s*(\\d+)\\s*(ms|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hours?|d|days?|w|weeks?)?\\s*",
            Pattern.CASE_INSENSITIVE);

    private final Map<String, Property> options = new LinkedHashMap<>();
    private final String statement;

    WithOptions(List<Property> properties, Set<String> known, String statement) {
        this.statement = statement;
        for (Property p : properties) {
            String name = p.name().toLowerCase(Locale.ROOT);
            if (!known.contains(name)) {
                throw new SluiceException(
                        SqlState.INVALID_PARAMETER_VALUE,
                        "unrecognized option \"" + p.name() + "\" for " + statement,
                        null,
                        "valid options are: " + String.join(", ", new java.util.TreeSet<>(known)),
                        p.pos().pgPosition(),
                        null);
            }
            if (options.put(name, p) != null) {
                throw error(p, "option \"" + name + "\" is given twice");
            }
        }
    }

    /** The options as written, for the catalog (SHOW CREATE, DESCRIBE). */
    Map<String, String> asStrings() {
        Map<String, String> out = new LinkedHashMap<>();
        options.forEach((k, p) -> out.put(k, text(p)));
        return out;
    }

    int intValue(String name, int defaultValue, int min, int max) {
        Property p = options.get(name);
        if (p == null) {
            return defaultValue;
        }
        long v;
        try {
            v = Long.parseLong(text(p).trim());
        } catch (NumberFormatException e) {
            throw error(p, "option \"" + name + "\" needs a whole number, not " + text(p));
        }
        if (v < min || v > max) {
            throw error(p, "option \"" + name + "\" must be between " + min + " and " + max + ", not " + v);
        }
        return (int) v;
    }

    String stringValue(String name) {
        Property p = options.get(name);
        return p == null ? null : text(p);
    }

    Property property(String name) {
        return options.get(name);
    }

    /** A duration in milliseconds, e.g. {@code '7 days'}; {@code -1}, 'forever' or 'infinite' mean -1. */
    long durationMillis(String name, long defaultValue) {
        Property p = options.get(name);
        if (p == null) {
            return defaultValue;
        }
        String t = text(p).trim().toLowerCase(Locale.ROOT);
        if (t.equals("-1") || t.equals("forever") || t.equals("infinite")) {
            return -1;
        }
        Matcher m = DURATION.matcher(t);
        if (!m.matches()) {
            throw error(p, "option \"" + name + "\" needs a duration such as '7 days' or '12 hours', not " + text(p));
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        long factor = unit.startsWith("ms") || unit.startsWith("milli")
                ? 1
                : unit.startsWith("s")
                        ? 1_000
                        : unit.startsWith("m")
                                ? 60_000
                                : unit.startsWith("h") ? 3_600_000 : unit.startsWith("d") ? 86_400_000 : 604_800_000;
        return Math.multiplyExact(n, factor);
    }

    SluiceException error(Property p, String message) {
        return new SluiceException(
                SqlState.INVALID_PARAMETER_VALUE,
                message + " in " + statement,
                null,
                null,
                p.pos().pgPosition(),
                null);
    }

    private static String text(Property p) {
        Expression v = p.value();
        if (v instanceof StringLiteral s) {
            return s.value();
        }
        if (v instanceof NumberLiteral n) {
            return n.text();
        }
        if (v instanceof BooleanLiteral b) {
            return Boolean.toString(b.value());
        }
        if (v instanceof ColumnRef c) {
            return String.join(".", c.parts());
        }
        if (v instanceof dev.sluice.sql.ast.UnaryExpression u && u.operand() instanceof NumberLiteral n) {
            return u.operator() + n.text();
        }
        throw new SluiceException(
                SqlState.INVALID_PARAMETER_VALUE,
                "option \"" + p.name() + "\" needs a number, a string or a name",
                null,
                null,
                p.pos().pgPosition(),
                null);
    }
}
