package dev.sluice.pgwire.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.common.SluiceException;
import org.junit.jupiter.api.Test;

/** {@code statement_timeout} values read and shown as PostgreSQL does. */
class StatementTimeoutTest {
    private static String roundTrip(String value) {
        return StatementTimeout.format(StatementTimeout.parseMillis(value));
    }

    @Test
    void readsMillisecondsAndUnitsAndShowsTheLargestUnitThatDividesTheValue() {
        assertEquals("0", roundTrip("0"));
        assertEquals("2s", roundTrip("2000"));
        assertEquals("2s", roundTrip("'2s'"));
        assertEquals("2s", roundTrip("2 s"));
        assertEquals("1500ms", roundTrip("1.5s"));
        assertEquals("1min", roundTrip("60000"));
        assertEquals("90s", roundTrip("1.5min"));
        assertEquals("1h", roundTrip("60min"));
        assertEquals("1d", roundTrip("24h"));
        assertEquals("2ms", roundTrip("1500us")); // rounded half to even, as PostgreSQL (rint)
        assertEquals("250ms", roundTrip("250ms"));
        assertEquals(0, StatementTimeout.parseMillis("0.2us"));
    }

    @Test
    void badValuesAre22023() {
        SluiceException unit = assertThrows(SluiceException.class, () -> StatementTimeout.parseMillis("2 weeks"));
        assertEquals("22023", unit.sqlState());
        assertEquals("invalid value for parameter \"statement_timeout\": \"2 weeks\"", unit.getMessage());
        assertEquals(
                "Valid units for this parameter are \"us\", \"ms\", \"s\", \"min\", \"h\", and \"d\".",
                unit.hint().orElseThrow());
        SluiceException text = assertThrows(SluiceException.class, () -> StatementTimeout.parseMillis("soon"));
        assertEquals("invalid value for parameter \"statement_timeout\": \"soon\"", text.getMessage());
        SluiceException negative = assertThrows(SluiceException.class, () -> StatementTimeout.parseMillis("-1"));
        assertEquals(
                "-1 ms is outside the valid range for parameter \"statement_timeout\" (0 .. 2147483647)",
                negative.getMessage());
        assertThrows(SluiceException.class, () -> StatementTimeout.parseMillis("30d"));
    }
}
