package dev.sluice.pgwire.types;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;

/**
 * Date/time text in PostgreSQL's ISO DateStyle ({@code 2026-01-02 03:04:05.123456+01}) and the
 * binary epoch: integer microseconds (days for DATE) since 2000-01-01, the {@code
 * integer_datetimes = on} format.
 */
final class PgDateTimes {
    private PgDateTimes() {}

    static final LocalDate PG_EPOCH_DATE = LocalDate.of(2000, 1, 1);
    static final long PG_EPOCH_DAY = PG_EPOCH_DATE.toEpochDay();
    static final long PG_EPOCH_MICROS = PG_EPOCH_DAY * 86_400_000_000L;

    private static final DateTimeFormatter TIME_IN = new DateTimeFormatterBuilder()
            .appendPattern("H:mm")
            .optionalStart()
            .appendPattern(":ss")
            .optionalEnd()
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .toFormatter();

    static String formatTime(LocalTime t) {
        StringBuilder sb = new StringBuilder(15);
        two(sb, t.getHour()).append(':');
        two(sb, t.getMinute()).append(':');
        two(sb, t.getSecond());
        int micros = t.getNano() / 1000;
        if (micros != 0) {
            String f = String.format("%06d", micros);
            int end = f.length();
            while (f.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(f, 0, end);
        }
        return sb.toString();
    }

    static String formatTimestamp(LocalDateTime ts) {
        return ts.toLocalDate() + " " + formatTime(ts.toLocalTime());
    }

    static String formatTimestamptz(Instant instant, ZoneId zone) {
        ZoneOffset offset = zone.getRules().getOffset(instant);
        LocalDateTime local = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), offset);
        StringBuilder sb = new StringBuilder(formatTimestamp(local));
        int total = offset.getTotalSeconds();
        sb.append(total < 0 ? '-' : '+');
        total = Math.abs(total);
        two(sb, total / 3600);
        if (total % 3600 != 0) {
            sb.append(':');
            two(sb, (total / 60) % 60);
        }
        return sb.toString();
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        if (v < 10) {
            sb.append('0');
        }
        return sb.append(v);
    }

    static LocalDate parseDate(String s) {
        return LocalDate.parse(s.trim());
    }

    static LocalTime parseTime(String s) {
        String t = s.trim();
        int tz = tzStart(t, 0);
        return LocalTime.parse(tz < 0 ? t : t.substring(0, tz), TIME_IN);
    }

    /** Accepts {@code 2026-01-02 03:04:05[.ffffff]}, a 'T' separator, and a bare date; drops a zone. */
    static LocalDateTime parseTimestamp(String s) {
        String t = s.trim();
        int sep = dateTimeSeparator(t);
        if (sep < 0) {
            return parseDate(t).atStartOfDay();
        }
        LocalDate date = LocalDate.parse(t.substring(0, sep));
        String rest = t.substring(sep + 1).trim();
        int tz = tzStart(rest, 0);
        return LocalDateTime.of(date, LocalTime.parse(tz < 0 ? rest : rest.substring(0, tz), TIME_IN));
    }

    /** Like {@link #parseTimestamp} but honours a trailing {@code +01}, {@code -05:30} or {@code Z}. */
    static Instant parseTimestamptz(String s, ZoneId sessionZone) {
        String t = s.trim();
        int sep = dateTimeSeparator(t);
        if (sep < 0) {
            return parseDate(t).atStartOfDay(sessionZone).toInstant();
        }
        LocalDate date = LocalDate.parse(t.substring(0, sep));
        String rest = t.substring(sep + 1).trim();
        int tz = tzStart(rest, 0);
        LocalTime time = LocalTime.parse(tz < 0 ? rest : rest.substring(0, tz).trim(), TIME_IN);
        LocalDateTime local = LocalDateTime.of(date, time);
        if (tz < 0) {
            return local.atZone(sessionZone).toInstant();
        }
        return local.toInstant(parseOffset(rest.substring(tz).trim()));
    }

    private static ZoneOffset parseOffset(String z) {
        if (z.equalsIgnoreCase("Z") || z.equalsIgnoreCase("UTC")) {
            return ZoneOffset.UTC;
        }
        char sign = z.charAt(0);
        String digits = z.substring(1).replace(":", "");
        int hours;
        int minutes = 0;
        int seconds = 0;
        if (digits.length() <= 2) {
            hours = Integer.parseInt(digits);
        } else {
            hours = Integer.parseInt(digits.substring(0, 2));
            minutes = Integer.parseInt(digits.substring(2, 4));
            if (digits.length() >= 6) {
                seconds = Integer.parseInt(digits.substring(4, 6));
            }
        }
        int total = hours * 3600 + minutes * 60 + seconds;
        return ZoneOffset.ofTotalSeconds(sign == '-' ? -total : total);
    }

    private static int dateTimeSeparator(String t) {
        for (int i = 8; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == ' ' || c == 'T') {
                return i;
            }
        }
        return -1;
    }

    private static int tzStart(String t, int from) {
        for (int i = from + 1; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '+' || c == '-' || c == 'Z' || c == 'z' || (c == ' ' && i + 1 < t.length())) {
                return i;
            }
        }
        return -1;
    }

    static int toPgDays(LocalDate d) {
        return Math.toIntExact(d.toEpochDay() - PG_EPOCH_DAY);
    }

    static LocalDate fromPgDays(int days) {
        return LocalDate.ofEpochDay(PG_EPOCH_DAY + days);
    }

    static long toPgMicros(LocalDateTime ts) {
        return ChronoUnit.MICROS.between(PG_EPOCH_DATE.atStartOfDay(), ts);
    }

    static LocalDateTime fromPgMicros(long micros) {
        return PG_EPOCH_DATE.atStartOfDay().plus(micros, ChronoUnit.MICROS);
    }

    static long toPgMicros(Instant i) {
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1000) - PG_EPOCH_MICROS;
    }

    static Instant instantFromPgMicros(long micros) {
        long epochMicros = micros + PG_EPOCH_MICROS;
        return Instant.ofEpochSecond(
                Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1000);
    }
}
