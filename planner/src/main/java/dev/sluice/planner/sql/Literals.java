package dev.sluice.planner.sql;

import dev.sluice.common.SluiceException;
import dev.sluice.common.SqlState;
import dev.sluice.common.text.ByteaText;
import dev.sluice.common.types.Interval;
import dev.sluice.common.types.SqlType;
import dev.sluice.sql.ast.IntervalField;
import dev.sluice.sql.ast.IntervalLiteral;
import dev.sluice.sql.ast.Node;
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
                case INTERVAL -> interval(t.value(), t, pos);
                case BYTEA -> bytea(t.value(), t, pos);
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
     * {@code INTERVAL '1' HOUR} keeps its qualifier; {@code INTERVAL '1 day 02:00:00'} (any text
     * {@link Interval#parse} reads) becomes a literal of the Calcite interval type that holds it.
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
        return interval(i.value(), i, pos);
    }

    /**
     * An interval given as text ({@code INTERVAL '1 day'}, {@code '1 day'::interval}) as a Calcite
     * literal. Calcite keeps year-month and day-time intervals apart, so months alone become
     * {@code INTERVAL MONTH}, days and time {@code INTERVAL DAY TO SECOND}; a value with both is
     * 0A000 here (the exact value is kept where no computation is needed: INSERT ... VALUES).
     */
    static SqlNode interval(String text, Node at, SqlParserPos pos) {
        Interval iv;
        try {
            iv = Interval.parse(text);
        } catch (SluiceException e) {
            throw e.withPosition(at.pos().pgPosition())
                    .withHint("write it as '1 day 02:00:00', '2 hours 30 minutes' or 'P1DT2H'");
        }
        if (iv.months() != 0 && (iv.days() != 0 || iv.micros() != 0)) {
            throw Positions.unsupported("an interval mixing months with days or time in an expression", at);
        }
        if (iv.months() != 0) {
            return SqlLiteral.createInterval(
                    iv.months() < 0 ? -1 : 1,
                    Long.toString(Math.abs((long) iv.months())),
                    new SqlIntervalQualifier(TimeUnit.MONTH, 9, null, -1, pos),
                    pos);
        }
        BigDecimal micros = BigDecimal.valueOf(iv.days())
                .multiply(BigDecimal.valueOf(86_400_000_000L))
                .add(BigDecimal.valueOf(iv.micros()));
        // Calcite keeps day-time intervals in milliseconds; a literal of Sluice's INTERVAL type
        // (DAY(9) TO SECOND(3), see CalciteTypes) compares with columns without a cast.
        BigDecimal seconds = micros.abs().movePointLeft(6).setScale(3, java.math.RoundingMode.DOWN);
        BigDecimal[] dayAndRest = seconds.divideAndRemainder(BigDecimal.valueOf(86_400));
        BigDecimal[] hourAndRest = dayAndRest[1].divideAndRemainder(BigDecimal.valueOf(3_600));
        BigDecimal[] minuteAndSecond = hourAndRest[1].divideAndRemainder(BigDecimal.valueOf(60));
        String value = dayAndRest[0].toBigInteger() + " " + hourAndRest[0].toBigInteger() + ":"
                + minuteAndSecond[0].toBigInteger() + ":"
                + minuteAndSecond[1].stripTrailingZeros().toPlainString();
        return SqlLiteral.createInterval(
                micros.signum() < 0 ? -1 : 1,
                value,
                new SqlIntervalQualifier(TimeUnit.DAY, 9, TimeUnit.SECOND, 3, pos),
                pos);
    }

    /** {@code '\xdeadbeef'::bytea}: PostgreSQL's bytea input (hex or escape) as a binary literal. */
    static SqlNode bytea(String text, Node at, SqlParserPos pos) {
        try {
            return SqlLiteral.createBinaryString(ByteaText.parse(text), pos);
        } catch (SluiceException e) {
            throw e.withPosition(at.pos().pgPosition());
        }
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
}
