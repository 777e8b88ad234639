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

    /** PostgreSQL's default output style ({@code IntervalStyle = postgres}), e.g. {@code 1 year 2 mons 3 days 04:05:06}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        int years = months / 12;
        int mons = months % 12;
        appendPart(sb, years, "year");
        appendPart(sb, mons, "mon");
        appendPart(sb, days, "day");
        if (micros != 0 || sb.length() == 0) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            long abs = Math.abs(micros);
            if (micros < 0) {
                sb.append('-');
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

    private static void appendPart(StringBuilder sb, int value, String unit) {
        if (value == 0) {
            return;
        }
        if (sb.length() > 0) {
            sb.append(' ');
        }
        sb.append(value).append(' ').append(unit);
        if (value != 1 && value != -1) {
            sb.append('s');
        }
    }
}
