package dev.sluice.pgwire.session;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code statement_timeout} setting, read and shown as PostgreSQL does: a number of
 * milliseconds, or a number with a unit ({@code us}, {@code ms}, {@code s}, {@code min}, {@code h},
 * {@code d}; fractions allowed, rounded to whole milliseconds); 0 turns it off. {@code SHOW} prints
 * the value in the largest unit that divides it: {@code 0}, {@code 1500ms}, {@code 2s}, {@code 1min}.
 *
 * <p>What it limits, as in PostgreSQL: each statement of a simple Query message, and each Execute
 * of the extended protocol (an Execute that ends in PortalSuspended ends its timer; the next Execute
 * starts a new one). So a push query sent as one statement ({@code SELECT ... EMIT CHANGES}, {@code
 * COPY (...) TO STDOUT}) is cancelled when the time is up, while a client that fetches a push query
 * in batches (pgjdbc {@code setFetchSize}, {@code FETCH} from a cursor) has each batch bounded.
 */
final class StatementTimeout {
    static final String NAME = "statement_timeout";

    private static final Pattern VALUE = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)\\s*([a-z]*)\\s*");
    private static final long MAX_MS = Integer.MAX_VALUE;

    private StatementTimeout() {}

    /**
     * Parses a value of {@code SET statement_timeout}.
     *
     * @return milliseconds, 0 for off
     * @throws SluiceException 22023 naming the valid units
     */
    static long parseMillis(String text) {
        String t = text.trim();
        if (t.length() >= 2 && t.startsWith("'") && t.endsWith("'")) {
            t = t.substring(1, t.length() - 1);
        }
        Matcher m = VALUE.matcher(t);
        if (!m.matches()) {
            if (t.trim().startsWith("-")) {
                throw outOfRange(t);
            }
            throw invalid(text, null);
        }
        BigDecimal number = new BigDecimal(m.group(1).startsWith(".") ? "0" + m.group(1) : m.group(1));
        BigDecimal millis =
                switch (m.group(2)) {
                    case "", "ms" -> number;
                    case "us" -> number.movePointLeft(3);
                    case "s" -> number.movePointRight(3);
                    case "min" -> number.multiply(BigDecimal.valueOf(60_000));
                    case "h" -> number.multiply(BigDecimal.valueOf(3_600_000));
                    case "d" -> number.multiply(BigDecimal.valueOf(86_400_000));
                    default ->
                        throw invalid(
                                text,
                                "Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\","
                                        + " \"h\", and \"d\".");
                };
        BigDecimal rounded = millis.setScale(0, RoundingMode.HALF_EVEN);
        if (rounded.compareTo(BigDecimal.valueOf(MAX_MS)) > 0) {
            throw outOfRange(t);
        }
        return rounded.longValueExact();
    }

    /** The text {@code SHOW statement_timeout} prints for a value. */
    static String format(long millis) {
        if (millis == 0) {
            return "0";
        }
        long[] sizes = {86_400_000, 3_600_000, 60_000, 1000};
        String[] units = {"d", "h", "min", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (millis % sizes[i] == 0) {
                return (millis / sizes[i]) + units[i];
            }
        }
        return millis + "ms";
    }

    private static SluiceException invalid(String text, String hint) {
        return new SluiceException(
                SqlState.INVALID_PARAMETER_VALUE,
                "invalid value for parameter \"" + NAME + "\": \"" + text + "\"",
                null,
                hint,
                0,
                null);
    }

    private static SluiceException outOfRange(String text) {
        return new SluiceException(
                SqlState.INVALID_PARAMETER_VALUE,
                text + " ms is outside the valid range for parameter \"" + NAME + "\" (0 .. " + MAX_MS + ")");
    }
}
