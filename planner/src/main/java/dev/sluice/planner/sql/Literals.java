package dev.sluice.planner.sql;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.common.types.SqlType;
import dev.sluice.sql.ast.IntervalField;
import dev.sluice.sql.ast.IntervalLiteral;
import dev.sluice.sql.ast.TypedLiteral;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

/**
 * Typed literals ({@code TIMESTAMP '...'}, {@code DATE '...'}) and intervals, checked here so that a
 * bad literal fails at planning with 22007 and its position, as PostgreSQL does, rather than at run
 * time.
 */
final class Literals {
    /** PostgreSQL accepts a space or a 'T' between date and time, and 0 to 6 fractional digits. */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .optionalStart()
            .appendLiteral('T')
            .optionalEnd()
            .optionalStart()
            .appendPattern("HH:mm")
            .optionalStart()
            .appendPattern(":ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .optionalEnd()
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HH:mm", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HH", "Z")
            .optionalEnd()
            .toFormatter(Locale.ROOT);

    private static final Pattern INTERVAL_PART = Pattern.compile(
            "\\s*([+-]?\\d+(?:\\.\\d+)?)\\s*(years?|y|mons?|months?|weeks?|w|days?|d|hours?|h|minutes?|mins?|m|seconds?|secs?|s|milliseconds?|ms)\\s*",
            Pattern.CASE_INSENSITIVE);

    private Literals() {}

    static SqlNode typed(TypedLiteral t, SqlParserPos pos) {
        SqlType type = t.type().toSqlType().orElseThrow(() -> Positions.unsupported("literal of type " + t.type(), t));
        String text = t.value().trim();
        try {
            return switch (type.kind()) {
                case DATE ->
                    SqlLiteral.createDate(
                            DateString.fromDaysSinceEpoch(
                                    (int) LocalDate.parse(text).toEpochDay()),
                            pos);
                case TIME ->
                    SqlLiteral.createTime(
                            TimeString.fromMillisOfDay(
                                    (int) (LocalTime.parse(text).toNanoOfDay() / 1_000_000)),
                            3,
                            pos);
                case TIMESTAMP ->
                    SqlLiteral.createTimestamp(
                            SqlTypeName.TIMESTAMP, timestampString(parseTimestamp(text, false)), 3, pos);
                case TIMESTAMPTZ ->
                    SqlLiteral.createTimestamp(
                            SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE,
                            timestampString(parseTimestamp(text, true)),
                            3,
                            pos);
                default ->
                    SqlStdOperatorTable.CAST.createCall(
                            pos, SqlLiteral.createCharString(t.value(), pos), TypeSpecs.of(t.type()));
            };
        } catch (DateTimeParseException e) {
            throw new SluiceException(
                    SqlState.INVALID_DATETIME_FORMAT,
                    "invalid input syntax for type " + type.pgDisplayName() + ": \"" + t.value() + "\"",
                    null,
                    "write it as 'YYYY-MM-DD HH:MM:SS[.ffffff]'",
                    t.pos().pgPosition(),
                    null);
        }
    }

    /** Parses a timestamp; with {@code withZone}, a missing offset means UTC and the result is in UTC. */
    static LocalDateTime parseTimestamp(String text, boolean withZone) {
        var parsed = TIMESTAMP.parseBest(text, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
        if (parsed instanceof OffsetDateTime odt) {
            if (!withZone) {
                return odt.toLocalDateTime();
            }
            return odt.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        }
        if (parsed instanceof LocalDateTime ldt) {
            return ldt;
        }
        return ((LocalDate) parsed).atStartOfDay();
    }

    private static TimestampString timestampString(LocalDateTime t) {
        return new TimestampString(
                        t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond())
                .withNanos(t.getNano());
    }

    /**
     * {@code INTERVAL '1' HOUR} keeps its qualifier; {@code INTERVAL '1 hour 30 minutes'} (PostgreSQL
     * style) becomes a day-time interval in seconds, or a year-month one when it names only years
     * and months.
     */
    static SqlNode interval(IntervalLiteral i, SqlParserPos pos) {
        String value = i.value().trim();
        if (i.from() != null) {
            TimeUnit from = unit(i.from(), i);
            TimeUnit to = i.to() == null ? null : unit(i.to(), i);
            int sign = value.startsWith("-") ? -1 : 1;
            String magnitude = value.startsWith("-") || value.startsWith("+") ? value.substring(1) : value;
            return SqlLiteral.createInterval(
                    sign, magnitude, new SqlIntervalQualifier(from, 9, to, to == TimeUnit.SECOND ? 6 : -1, pos), pos);
        }
        long months = 0;
        BigDecimal seconds = BigDecimal.ZERO;
        Matcher m = INTERVAL_PART.matcher(value);
        int at = 0;
        boolean any = false;
        while (at < value.length()) {
            if (!m.find(at) || m.start() != at) {
                throw badInterval(i);
            }
            any = true;
            BigDecimal n = new BigDecimal(m.group(1));
            String u = m.group(2).toLowerCase(Locale.ROOT);
            if (u.startsWith("y")) {
                months += n.multiply(BigDecimal.valueOf(12)).longValueExact();
            } else if (u.startsWith("mon")) {
                months += n.longValueExact();
            } else if (u.startsWith("w")) {
                seconds = seconds.add(n.multiply(BigDecimal.valueOf(7 * 86_400)));
            } else if (u.startsWith("d")) {
                seconds = seconds.add(n.multiply(BigDecimal.valueOf(86_400)));
            } else if (u.startsWith("h")) {
                seconds = seconds.add(n.multiply(BigDecimal.valueOf(3_600)));
            } else if (u.equals("ms") || u.startsWith("milli")) {
                seconds = seconds.add(n.movePointLeft(3));
            } else if (u.startsWith("m")) {
                seconds = seconds.add(n.multiply(BigDecimal.valueOf(60)));
            } else {
                seconds = seconds.add(n);
            }
            at = m.end();
        }
        if (!any) {
            throw badInterval(i);
        }
        if (months != 0 && seconds.signum() != 0) {
            throw Positions.unsupported("an interval mixing months with days or time", i);
        }
        if (months != 0) {
            return SqlLiteral.createInterval(
                    months < 0 ? -1 : 1,
                    Long.toString(Math.abs(months)),
                    new SqlIntervalQualifier(TimeUnit.MONTH, 9, null, -1, pos),
                    pos);
        }
        return SqlLiteral.createInterval(
                seconds.signum() < 0 ? -1 : 1,
                seconds.abs().stripTrailingZeros().toPlainString(),
                new SqlIntervalQualifier(TimeUnit.SECOND, 9, null, 6, pos),
                pos);
    }

    private static TimeUnit unit(IntervalField f, IntervalLiteral at) {
        return switch (f) {
            case YEAR -> TimeUnit.YEAR;
            case MONTH -> TimeUnit.MONTH;
            case WEEK -> TimeUnit.WEEK;
            case DAY -> TimeUnit.DAY;
            case HOUR -> TimeUnit.HOUR;
            case MINUTE -> TimeUnit.MINUTE;
            case SECOND -> TimeUnit.SECOND;
            case MILLISECOND -> throw Positions.unsupported("INTERVAL ... MILLISECOND", at);
        };
    }

    private static SluiceException badInterval(IntervalLiteral i) {
        return new SluiceException(
                SqlState.INVALID_DATETIME_FORMAT,
                "invalid input syntax for type interval: \"" + i.value() + "\"",
                null,
                "write it as '1 hour 30 minutes' or INTERVAL '90' MINUTE",
                i.pos().pgPosition(),
                null);
    }
}
