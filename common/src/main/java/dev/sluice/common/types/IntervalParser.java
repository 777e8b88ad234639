package dev.sluice.common.types;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses interval text the way PostgreSQL's {@code interval_in} does, in the styles clients send:
 *
 * <ul>
 *   <li>PostgreSQL's: {@code 1 year 2 mons 3 days 04:05:06.5}, {@code 2 hours 30 minutes}, {@code
 *       @ 1 hour ago}, {@code 1.5 days}; each number carries its own sign ({@code -1 year 2 mons}
 *       is -10 months, {@code -1 days +02:00:00} is minus one day plus two hours); a bare number
 *       is seconds;
 *   <li>SQL standard: {@code 1-2} (years-months), {@code 3 04:05:06} (days, then a time), {@code
 *       04:05}, {@code 05:06.5} (minutes:seconds when the second part has a fraction);
 *   <li>pgjdbc's PGInterval: {@code 0 years 0 mons 1 days 2 hours 3 mins 4.5 secs};
 *   <li>ISO 8601 with designators: {@code P1Y2M3DT4H5M6.5S}, {@code P1W}, {@code PT-1.5S}.
 * </ul>
 *
 * <p>Fractions spill down as in PostgreSQL: {@code 1.5 years} is 1 year 6 mons, {@code 1.5 mons}
 * is 1 mon 15 days, {@code 1.5 days} is 1 day 12:00:00. Anything else is 22007 naming the text;
 * a value whose months or days do not fit an int is 22008.
 */
final class IntervalParser {
    private static final long MICROS_PER_SECOND = 1_000_000L;
    private static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;
    private static final BigDecimal DAYS_PER_MONTH = BigDecimal.valueOf(30);

    private IntervalParser() {}

    static Interval parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        Accumulator acc = new Accumulator();
        try {
            if (t.startsWith("p") || t.startsWith("-p")) {
                parseIso(t, acc);
            } else {
                parsePostgres(t, acc);
            }
        } catch (IllegalArgumentException | ArithmeticException | IndexOutOfBoundsException e) {
            throw bad(text);
        }
        return acc.toInterval(text);
    }

    private static SluiceException bad(String text) {
        return new SluiceException(
                SqlState.INVALID_DATETIME_FORMAT, "invalid input syntax for type interval: \"" + text + "\"");
    }

    /** Months, days and microseconds as they add up, wide enough to detect overflow at the end. */
    private static final class Accumulator {
        long months;
        long days;
        BigDecimal micros = BigDecimal.ZERO;

        void years(BigDecimal n) {
            // PostgreSQL rounds a fractional year to whole months and goes no further.
            months = Math.addExact(
                    months,
                    n.multiply(BigDecimal.valueOf(12))
                            .setScale(0, RoundingMode.HALF_EVEN)
                            .longValueExact());
        }

        void months(BigDecimal n) {
            BigDecimal whole = n.setScale(0, RoundingMode.DOWN);
            months = Math.addExact(months, whole.longValueExact());
            days(n.subtract(whole).multiply(DAYS_PER_MONTH));
        }

        void days(BigDecimal n) {
            BigDecimal whole = n.setScale(0, RoundingMode.DOWN);
            days = Math.addExact(days, whole.longValueExact());
            micros = micros.add(n.subtract(whole).multiply(BigDecimal.valueOf(MICROS_PER_DAY)));
        }

        void micros(BigDecimal n) {
            micros = micros.add(n);
        }

        void negate() {
            months = -months;
            days = -days;
            micros = micros.negate();
        }

        Interval toInterval(String text) {
            long us = micros.setScale(0, RoundingMode.HALF_EVEN).longValue();
            if (months != (int) months
                    || days != (int) days
                    || micros.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                throw new SluiceException(
                        SqlState.DATETIME_FIELD_OVERFLOW, "interval field value out of range: \"" + text + "\"");
            }
            return new Interval((int) months, (int) days, us);
        }
    }

    // ------------------------------------------------------------------------------ PostgreSQL

    private static void parsePostgres(String t, Accumulator acc) {
        if (t.startsWith("@")) {
            t = t.substring(1).trim();
        }
        List<String> tokens = tokenize(t);
        boolean ago = !tokens.isEmpty() && tokens.get(tokens.size() - 1).equals("ago");
        if (ago) {
            tokens.remove(tokens.size() - 1);
        }
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("empty interval");
        }
        for (int i = 0; i < tokens.size(); i++) {
            String tok = tokens.get(i);
            char first = tok.charAt(0);
            if (Character.isLetter(first)) {
                throw new IllegalArgumentException("a unit without a number: " + tok);
            }
            if (tok.indexOf(':') >= 0) {
                acc.micros(clockMicros(tok));
                continue;
            }
            if (isYearMonth(tok)) {
                yearMonth(tok, acc);
                continue;
            }
            BigDecimal number = new BigDecimal(tok);
            String next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            if (next == null) {
                acc.micros(number.multiply(BigDecimal.valueOf(MICROS_PER_SECOND))); // a bare number: seconds
            } else if (next.indexOf(':') >= 0) {
                acc.days(number); // SQL standard "D H:M:S"
            } else if (Character.isLetter(next.charAt(0))) {
                unit(number, next, acc);
                i++;
            } else {
                throw new IllegalArgumentException("two numbers in a row");
            }
        }
        if (ago) {
            acc.negate();
        }
    }

    /** Numbers (with sign, fraction, colons, a year-month dash) and words; spaces and commas separate. */
    private static List<String> tokenize(String t) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (Character.isWhitespace(c) || c == ',') {
                i++;
            } else if (Character.isLetter(c)) {
                int start = i;
                while (i < t.length() && Character.isLetter(t.charAt(i))) {
                    i++;
                }
                tokens.add(t.substring(start, i));
            } else if (c == '+' || c == '-' || c == '.' || Character.isDigit(c)) {
                int start = i++;
                while (i < t.length()) {
                    char d = t.charAt(i);
                    if (Character.isDigit(d) || d == '.' || d == ':') {
                        i++;
                    } else if (d == '-' && i + 1 < t.length() && Character.isDigit(t.charAt(i + 1))) {
                        i++; // 1-2: years-months
                    } else {
                        break;
                    }
                }
                tokens.add(t.substring(start, i));
            } else {
                throw new IllegalArgumentException("unexpected character " + c);
            }
        }
        return tokens;
    }

    private static boolean isYearMonth(String tok) {
        return tok.indexOf('-', 1) > 0;
    }

    private static void yearMonth(String tok, Accumulator acc) {
        boolean negative = tok.startsWith("-");
        String body = negative || tok.startsWith("+") ? tok.substring(1) : tok;
        String[] parts = body.split("-", -1);
        if (parts.length != 2 || !parts[0].matches("\\d+") || !parts[1].matches("\\d+")) {
            throw new IllegalArgumentException("bad year-month " + tok);
        }
        long months = Math.addExact(Math.multiplyExact(Long.parseLong(parts[0]), 12L), Long.parseLong(parts[1]));
        acc.months(BigDecimal.valueOf(negative ? -months : months));
    }

    private static void unit(BigDecimal n, String unit, Accumulator acc) {
        switch (unit) {
            case "millennium", "millennia", "mil", "mils" -> acc.years(n.multiply(BigDecimal.valueOf(1000)));
            case "century", "centuries", "cent", "c" -> acc.years(n.multiply(BigDecimal.valueOf(100)));
            case "decade", "decades", "dec", "decs" -> acc.years(n.multiply(BigDecimal.TEN));
            case "year", "years", "yr", "yrs", "y" -> acc.years(n);
            case "mon", "mons", "month", "months" -> acc.months(n);
            case "week", "weeks", "w" -> acc.days(n.multiply(BigDecimal.valueOf(7)));
            case "day", "days", "d" -> acc.days(n);
            case "hour", "hours", "hr", "hrs", "h" ->
                acc.micros(n.multiply(BigDecimal.valueOf(3_600L * MICROS_PER_SECOND)));
            case "minute", "minutes", "min", "mins", "m" ->
                acc.micros(n.multiply(BigDecimal.valueOf(60L * MICROS_PER_SECOND)));
            case "second", "seconds", "sec", "secs", "s" ->
                acc.micros(n.multiply(BigDecimal.valueOf(MICROS_PER_SECOND)));
            case "millisecond", "milliseconds", "msec", "msecs", "ms" ->
                acc.micros(n.multiply(BigDecimal.valueOf(1000)));
            case "microsecond", "microseconds", "usec", "usecs", "us" -> acc.micros(n);
            default -> throw new IllegalArgumentException("unknown interval unit " + unit);
        }
    }

    /**
     * {@code [+-]h:m}, {@code [+-]h:m:s[.f]}, or {@code [+-]m:s.f} (a fraction in the second part
     * makes it minutes and seconds, as in PostgreSQL).
     */
    private static BigDecimal clockMicros(String tok) {
        boolean negative = tok.startsWith("-");
        String[] parts = (negative || tok.startsWith("+") ? tok.substring(1) : tok).split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("bad time " + tok);
        }
        for (int i = 0; i < parts.length; i++) {
            boolean last = i == parts.length - 1;
            if (!parts[i].matches(last ? "\\d+(\\.\\d*)?" : "\\d+")) {
                throw new IllegalArgumentException("bad time " + tok);
            }
        }
        BigDecimal total;
        if (parts.length == 2 && parts[1].indexOf('.') >= 0) {
            total = BigDecimal.valueOf(Long.parseLong(parts[0]) * 60L).add(seconds(parts[1], tok));
        } else {
            long minutes = Long.parseLong(parts[1]);
            if (minutes > 59) {
                throw new IllegalArgumentException("minutes out of range " + tok);
            }
            total = BigDecimal.valueOf(
                    Math.addExact(Math.multiplyExact(Long.parseLong(parts[0]), 3_600L), minutes * 60L));
            if (parts.length == 3) {
                total = total.add(seconds(parts[2], tok));
            }
        }
        total = total.multiply(BigDecimal.valueOf(MICROS_PER_SECOND));
        return negative ? total.negate() : total;
    }

    private static BigDecimal seconds(String s, String tok) {
        BigDecimal seconds = new BigDecimal(s.endsWith(".") ? s.substring(0, s.length() - 1) : s);
        if (seconds.compareTo(BigDecimal.valueOf(60)) >= 0) {
            throw new IllegalArgumentException("seconds out of range " + tok);
        }
        return seconds;
    }

    // ------------------------------------------------------------------------------- ISO 8601

    private static void parseIso(String t, Accumulator acc) {
        boolean negative = t.startsWith("-");
        String s = t.substring(negative ? 2 : 1);
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty ISO interval");
        }
        boolean time = false;
        boolean any = false;
        StringBuilder num = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == 't') {
                if (time || num.length() > 0) {
                    throw new IllegalArgumentException("misplaced T");
                }
                time = true;
            } else if (Character.isDigit(c) || c == '.' || c == '-' || c == '+') {
                num.append(c);
            } else {
                BigDecimal n = new BigDecimal(num.toString());
                num.setLength(0);
                any = true;
                switch (c) {
                    case 'y' -> acc.years(n);
                    case 'm' -> {
                        if (time) {
                            acc.micros(n.multiply(BigDecimal.valueOf(60L * MICROS_PER_SECOND)));
                        } else {
                            acc.months(n);
                        }
                    }
                    case 'w' -> acc.days(n.multiply(BigDecimal.valueOf(7)));
                    case 'd' -> acc.days(n);
                    case 'h' -> acc.micros(n.multiply(BigDecimal.valueOf(3_600L * MICROS_PER_SECOND)));
                    case 's' -> acc.micros(n.multiply(BigDecimal.valueOf(MICROS_PER_SECOND)));
                    default -> throw new IllegalArgumentException("bad ISO interval designator " + c);
                }
                if (!time && (c == 'h' || c == 's')) {
                    throw new IllegalArgumentException("time designator before T");
                }
            }
        }
        if (num.length() > 0 || !any) {
            throw new IllegalArgumentException("number without designator, or no field");
        }
        if (negative) {
            acc.negate();
        }
    }
}
