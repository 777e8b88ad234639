package dev.sluice.common.types;

import java.time.Duration;

/**
 * A SQL INTERVAL value, stored the way PostgreSQL stores it: months, days and microseconds kept
 * apart, because a month has no fixed number of days and a day has no fixed number of seconds
 * across a daylight-saving change.
 */
public record Interval(int months, int days, long micros) implements Comparable<Interval> {
    public static final Interval ZERO = new Interval(0, 0, 0);

    private static final long MICROS_PER_DAY = 86_400_000_000L;

    public static Interval ofMicros(long micros) {
        return new Interval(0, 0, micros);
    }

    public static Interval ofDuration(Duration d) {
        return new Interval(0, 0, Math.addExact(Math.multiplyExact(d.getSeconds(), 1_000_000L), d.getNano() / 1_000));
    }

    /**
     * The length in microseconds, counting a month as 30 days and a day as 24 hours (PostgreSQL's
     * convention when it compares intervals). Window sizes and grace periods use this.
     */
    public long toApproximateMicros() {
        return Math.addExact(Math.multiplyExact((long) months * 30 + days, MICROS_PER_DAY), micros);
    }

    @Override
    public int compareTo(Interval o) {
        return Long.compare(toApproximateMicros(), o.toApproximateMicros());
    }

    /**
     * Parses interval text as PostgreSQL's {@code interval_in} does ({@code 1 day 02:00:00}, {@code
     * 2 hours 30 minutes}, {@code -1 year 2 mons}, {@code P1DT2H}, {@code 00:00:01.5}, ...).
     *
     * @throws dev.sluice.common.SluiceException 22007 naming the text when it does not parse, 22008
     *     when a field is out of range
     */
    public static Interval parse(String text) {
        return IntervalParser.parse(text);
    }

    /**
     * PostgreSQL's default output style ({@code IntervalStyle = postgres}), exactly as its {@code
     * EncodeInterval} writes it: {@code 1 year 2 mons 3 days 04:05:06}, {@code -1 days +02:00:00}
     * (a field after a negative one shows its sign), {@code -10 mons}, {@code 00:00:00}.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        // Each nonzero field decides whether the next one shows a '+' (PostgreSQL's is_before).
        boolean[] before = {false};
        appendPart(sb, months / 12, "year", before);
        appendPart(sb, months % 12, "mon", before);
        appendPart(sb, days, "day", before);
        if (micros != 0 || sb.length() == 0) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            long abs = Math.abs(micros);
            if (micros < 0) {
                sb.append('-');
            } else if (before[0]) {
                sb.append('+');
            }
            long totalSeconds = abs / 1_000_000;
            long fraction = abs % 1_000_000;
            sb.append(
                    String.format("%02d:%02d:%02d", totalSeconds / 3600, (totalSeconds / 60) % 60, totalSeconds % 60));
            if (fraction != 0) {
                String f = String.format("%06d", fraction);
                int end = f.length();
                while (end > 0 && f.charAt(end - 1) == '0') {
                    end--;
                }
                sb.append('.').append(f, 0, end);
            }
        }
        return sb.toString();
    }

    private static void appendPart(StringBuilder sb, int value, String unit, boolean[] before) {
        if (value == 0) {
            return;
        }
        if (sb.length() > 0) {
            sb.append(' ');
        }
        if (before[0] && value > 0) {
            sb.append('+');
        }
        // PostgreSQL pluralizes every value but 1: "-1 days".
        sb.append(value).append(' ').append(unit);
        if (value != 1) {
            sb.append('s');
        }
        before[0] = value < 0;
    }
}
