package dev.sluice.pgwire.types;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.common.types.Interval;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * Parses interval text in the styles clients send: PostgreSQL's ({@code 1 year 2 mons 3 days
 * 04:05:06.5}, {@code @ 1 hour ago}), pgjdbc's PGInterval ({@code 0 years 0 mons 1 days 2 hours 3
 * mins 4.5 secs}) and ISO 8601 ({@code P1Y2M3DT4H5M6.5S}).
 */
final class IntervalParser {
    private IntervalParser() {}

    static Interval parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p") || t.startsWith("-p")) {
                return parseIso(t);
            }
            return parsePostgres(t);
        } catch (RuntimeException e) {
            if (e instanceof SluiceException se) {
                throw se;
            }
            throw new SluiceException(
                    SqlState.INVALID_DATETIME_FORMAT, "invalid input syntax for type interval: \"" + text + "\"", e);
        }
    }

    private static Interval parsePostgres(String t) {
        if (t.startsWith("@")) {
            t = t.substring(1).trim();
        }
        boolean ago = t.endsWith(" ago");
        if (ago) {
            t = t.substring(0, t.length() - 4).trim();
        }
        long months = 0;
        long days = 0;
        BigDecimal micros = BigDecimal.ZERO;
        String[] tokens = t.split("\\s+");
        for (int i = 0; i < tokens.length; i++) {
            String tok = tokens[i];
            if (tok.isEmpty()) {
                continue;
            }
            if (tok.indexOf(':') >= 0) {
                micros = micros.add(clockMicros(tok));
                continue;
            }
            BigDecimal number = new BigDecimal(tok);
            String unit = i + 1 < tokens.length ? tokens[++i] : "second";
            switch (unit.replaceAll(",$", "")) {
                case "year", "years", "y", "yr", "yrs" ->
                    months += number.multiply(BigDecimal.valueOf(12)).longValue();
                case "mon", "mons", "month", "months" -> months += number.longValueExact();
                case "week", "weeks", "w" ->
                    days += number.multiply(BigDecimal.valueOf(7)).longValue();
                case "day", "days", "d" -> days += number.longValue();
                case "hour", "hours", "h", "hr", "hrs" ->
                    micros = micros.add(number.multiply(BigDecimal.valueOf(3_600_000_000L)));
                case "min", "mins", "minute", "minutes", "m" ->
                    micros = micros.add(number.multiply(BigDecimal.valueOf(60_000_000L)));
                case "sec", "secs", "second", "seconds", "s" ->
                    micros = micros.add(number.multiply(BigDecimal.valueOf(1_000_000L)));
                case "ms", "millisecond", "milliseconds" ->
                    micros = micros.add(number.multiply(BigDecimal.valueOf(1000)));
                case "us", "microsecond", "microseconds" -> micros = micros.add(number);
                default -> throw new IllegalArgumentException("unknown interval unit " + unit);
            }
        }
        Interval iv = new Interval(Math.toIntExact(months), Math.toIntExact(days), micros.longValue());
        return ago ? new Interval(-iv.months(), -iv.days(), -iv.micros()) : iv;
    }

    private static BigDecimal clockMicros(String tok) {
        boolean negative = tok.startsWith("-");
        String[] parts = (negative || tok.startsWith("+") ? tok.substring(1) : tok).split(":");
        BigDecimal total = BigDecimal.valueOf(Long.parseLong(parts[0]) * 3_600_000_000L)
                .add(BigDecimal.valueOf(Long.parseLong(parts[1]) * 60_000_000L));
        if (parts.length > 2) {
            total = total.add(new BigDecimal(parts[2]).multiply(BigDecimal.valueOf(1_000_000L)));
        }
        return negative ? total.negate() : total;
    }

    private static Interval parseIso(String t) {
        boolean negative = t.startsWith("-");
        String s = t.substring(negative ? 2 : 1);
        long months = 0;
        long days = 0;
        BigDecimal micros = BigDecimal.ZERO;
        boolean time = false;
        StringBuilder num = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == 't') {
                time = true;
            } else if (Character.isDigit(c) || c == '.' || c == '-') {
                num.append(c);
            } else {
                BigDecimal n = new BigDecimal(num.toString());
                num.setLength(0);
                switch (c) {
                    case 'y' -> months += n.longValue() * 12;
                    case 'm' -> {
                        if (time) {
                            micros = micros.add(n.multiply(BigDecimal.valueOf(60_000_000L)));
                        } else {
                            months += n.longValue();
                        }
                    }
                    case 'w' -> days += n.longValue() * 7;
                    case 'd' -> days += n.longValue();
                    case 'h' -> micros = micros.add(n.multiply(BigDecimal.valueOf(3_600_000_000L)));
                    case 's' -> micros = micros.add(n.multiply(BigDecimal.valueOf(1_000_000L)));
                    default -> throw new IllegalArgumentException("bad ISO interval designator " + c);
                }
            }
        }
        int sign = negative ? -1 : 1;
        return new Interval(Math.toIntExact(sign * months), Math.toIntExact(sign * days), sign * micros.longValue());
    }
}
