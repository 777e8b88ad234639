package dev.sluice.common.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.common.SluiceException;
import org.junit.jupiter.api.Test;

/** {@link Interval#parse} and {@link Interval#toString} against what PostgreSQL 15 reads and prints. */
class IntervalTest {
    private static final long H = 3_600_000_000L;
    private static final long S = 1_000_000L;

    private static void parses(String text, int months, int days, long micros) {
        assertEquals(new Interval(months, days, micros), Interval.parse(text), text);
    }

    @Test
    void postgresStyle() {
        parses("1 day", 0, 1, 0);
        parses("1 day 02:00:00", 0, 1, 2 * H);
        parses("2 hours 30 minutes", 0, 0, 2 * H + 30 * 60 * S);
        parses("-1 year 2 mons", -10, 0, 0);
        parses("1 year 2 mons 3 days 04:05:06.5", 14, 3, 4 * H + 5 * 60 * S + 6_500_000L);
        parses("-1 days +02:00:00", 0, -1, 2 * H);
        parses("1 day -02:00:00", 0, 1, -2 * H);
        parses("00:00:01.5", 0, 0, 1_500_000L);
        parses("@ 1 hour ago", 0, 0, -H);
        parses("3 weeks", 0, 21, 0);
        parses("1 DAY", 0, 1, 0);
        parses("10", 0, 0, 10 * S);
        parses("1 decade 1 century", 1320, 0, 0);
        parses("5 ms 7 us", 0, 0, 5_007L);
        parses("1day 2hours", 0, 1, 2 * H);
        parses("1 day, 2 hours", 0, 1, 2 * H);
        parses("  2 mons  ", 2, 0, 0);
    }

    @Test
    void fractionsSpillDownAsInPostgres() {
        parses("1.5 years", 18, 0, 0);
        parses("1.5 mons", 1, 15, 0);
        parses("1.5 days", 0, 1, 12 * H);
        parses("1.5 weeks", 0, 10, 12 * H);
        parses("0.000001 seconds", 0, 0, 1);
    }

    @Test
    void sqlStandardAndPgjdbcStyles() {
        parses("1-2", 14, 0, 0);
        parses("-1-2", -14, 0, 0);
        parses("3 04:05:06", 0, 3, 4 * H + 5 * 60 * S + 6 * S);
        parses("04:05", 0, 0, 4 * H + 5 * 60 * S);
        parses("05:06.5", 0, 0, 5 * 60 * S + 6_500_000L);
        parses("0 years 0 mons 1 days 2 hours 3 mins 4.5 secs", 0, 1, 2 * H + 3 * 60 * S + 4_500_000L);
    }

    @Test
    void iso8601() {
        parses("P1DT2H", 0, 1, 2 * H);
        parses("P1Y2M3DT4H5M6.5S", 14, 3, 4 * H + 5 * 60 * S + 6_500_000L);
        parses("PT1M", 0, 0, 60 * S);
        parses("P1M", 1, 0, 0);
        parses("P2W", 0, 14, 0);
        parses("-P1D", 0, -1, 0);
        parses("P-1DT2H", 0, -1, 2 * H);
    }

    @Test
    void badTextIs22007NamingIt() {
        for (String bad : new String[] {
            "",
            "1 fortnight",
            "day",
            "1 2",
            "P1D2",
            "PT",
            "P1H",
            "1:2:3:4",
            "01:60",
            "00:00:60",
            "abc",
            "1 day #",
            "1.2.3 days"
        }) {
            SluiceException e = assertThrows(SluiceException.class, () -> Interval.parse(bad), bad);
            assertEquals("22007", e.sqlState(), bad);
            assertEquals("invalid input syntax for type interval: \"" + bad + "\"", e.getMessage());
        }
    }

    @Test
    void outOfRangeIs22008() {
        SluiceException e = assertThrows(SluiceException.class, () -> Interval.parse("3000000000 days"));
        assertEquals("22008", e.sqlState());
        assertEquals("interval field value out of range: \"3000000000 days\"", e.getMessage());
    }

    @Test
    void printsAsPostgres() {
        assertEquals("00:00:00", Interval.ZERO.toString());
        assertEquals("1 day", new Interval(0, 1, 0).toString());
        assertEquals("1 day 02:00:00", new Interval(0, 1, 2 * H).toString());
        assertEquals("26:00:00", new Interval(0, 0, 26 * H).toString());
        assertEquals("-10 mons", new Interval(-10, 0, 0).toString());
        assertEquals(
                "1 year 2 mons 3 days 04:05:06.5", new Interval(14, 3, 4 * H + 5 * 60 * S + 6_500_000L).toString());
        assertEquals("-1 days +02:00:00", new Interval(0, -1, 2 * H).toString());
        assertEquals("-1 days -02:00:00", new Interval(0, -1, -2 * H).toString());
        assertEquals("1 day -02:00:00", new Interval(0, 1, -2 * H).toString());
        assertEquals("-1 mons +3 days", new Interval(-1, 3, 0).toString());
        assertEquals("-1 years -2 mons", new Interval(-14, 0, 0).toString());
        assertEquals("00:00:00.000001", new Interval(0, 0, 1).toString());
        assertEquals("-00:00:01.5", new Interval(0, 0, -1_500_000L).toString());
    }

    @Test
    void printedTextParsesBack() {
        Interval[] values = {
            new Interval(14, 3, 4 * H + 1),
            new Interval(0, -1, 2 * H),
            new Interval(-1, 3, -5),
            new Interval(0, 0, 26 * H)
        };
        for (Interval v : values) {
            assertEquals(v, Interval.parse(v.toString()), v.toString());
        }
    }
}
