package dev.sluice.common.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTypeTest {
    @Test
    void oidsMatchPostgres() {
        assertEquals(16, SqlType.BOOLEAN.oid());
        assertEquals(21, SqlType.SMALLINT.oid());
        assertEquals(23, SqlType.INT.oid());
        assertEquals(20, SqlType.BIGINT.oid());
        assertEquals(700, SqlType.REAL.oid());
        assertEquals(701, SqlType.DOUBLE.oid());
        assertEquals(1700, SqlType.decimal(10, 2).oid());
        assertEquals(1043, SqlType.varchar(20).oid());
        assertEquals(25, SqlType.TEXT.oid());
        assertEquals(17, SqlType.BYTEA.oid());
        assertEquals(1082, SqlType.DATE.oid());
        assertEquals(1083, SqlType.TIME.oid());
        assertEquals(1114, SqlType.TIMESTAMP.oid());
        assertEquals(1184, SqlType.TIMESTAMPTZ.oid());
        assertEquals(1186, SqlType.INTERVAL.oid());
        assertEquals(3802, SqlType.JSONB.oid());
        assertEquals(1007, SqlType.array(SqlType.INT).oid());
        assertEquals(1009, SqlType.array(SqlType.TEXT).oid());
        assertEquals(3802, SqlType.map(SqlType.TEXT, SqlType.INT).oid());
        assertEquals(
                2249,
                SqlType.struct(List.of(new SqlType.Field("a", SqlType.INT))).oid());
    }

    @Test
    void typmodsUsePostgresEncoding() {
        assertEquals(24, SqlType.varchar(20).typmod());
        assertEquals(((10 << 16) | 2) + 4, SqlType.decimal(10, 2).typmod());
        assertEquals(-1, SqlType.VARCHAR.typmod());
        assertEquals(-1, SqlType.INT.typmod());
    }

    @Test
    void typlen() {
        assertEquals(4, SqlType.INT.typlen());
        assertEquals(8, SqlType.TIMESTAMP.typlen());
        assertEquals(16, SqlType.INTERVAL.typlen());
        assertEquals(-1, SqlType.TEXT.typlen());
    }

    @Test
    void formatTypeNames() {
        assertEquals("character varying(20)", SqlType.varchar(20).pgDisplayName());
        assertEquals("numeric(10,2)", SqlType.decimal(10, 2).pgDisplayName());
        assertEquals("integer[]", SqlType.array(SqlType.INT).pgDisplayName());
        assertEquals("timestamp without time zone", SqlType.TIMESTAMP.pgDisplayName());
        assertEquals("double precision", SqlType.DOUBLE.pgDisplayName());
    }

    @Test
    void sqlSpelling() {
        assertEquals("VARCHAR(20)", SqlType.varchar(20).toSql());
        assertEquals("DECIMAL(10, 2)", SqlType.decimal(10, 2).toSql());
        assertEquals(
                "MAP<TEXT, ARRAY<INT>>",
                SqlType.map(SqlType.TEXT, SqlType.array(SqlType.INT)).toSql());
        assertEquals(
                "STRUCT<a INT, b VARCHAR>",
                SqlType.struct(List.of(new SqlType.Field("a", SqlType.INT), new SqlType.Field("b", SqlType.VARCHAR)))
                        .toSql());
    }

    @Test
    void invalidParametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> SqlType.decimal(0, 0));
        assertThrows(IllegalArgumentException.class, () -> SqlType.decimal(5, 6));
        assertThrows(IllegalArgumentException.class, () -> SqlType.varchar(0));
        assertThrows(IllegalArgumentException.class, () -> SqlType.struct(List.of()));
        assertThrows(NullPointerException.class, () -> SqlType.array(null));
    }

    @Test
    void intervalPrintsLikePostgres() {
        assertEquals("00:00:00", Interval.ZERO.toString());
        assertEquals("1 year 2 mons 3 days 04:05:06", new Interval(14, 3, 14_706_000_000L).toString());
        assertEquals("01:00:00.5", Interval.ofMicros(3_600_500_000L).toString());
        assertEquals("-00:00:01", Interval.ofMicros(-1_000_000L).toString());
        assertEquals(1, new Interval(0, 1, 0).compareTo(Interval.ofDuration(Duration.ofHours(23))));
        assertEquals(86_400_000_000L * 31, new Interval(1, 1, 0).toApproximateMicros());
    }

    @Test
    void schemaKeysAndLookup() {
        Schema s = Schema.builder()
                .column("id", SqlType.INT)
                .column("name", SqlType.VARCHAR)
                .key("id")
                .build();
        assertEquals(0, s.indexOf("id").orElseThrow());
        assertEquals(List.of("id"), s.keyColumns().stream().map(Column::name).toList());
        assertEquals("(id INT, name VARCHAR, KEY (id))", s.toString());
        assertThrows(
                IllegalArgumentException.class,
                () -> Schema.of(List.of(Column.of("a", SqlType.INT), Column.of("a", SqlType.INT))));
        assertThrows(
                IllegalArgumentException.class,
                () -> Schema.withKey(List.of(Column.of("a", SqlType.INT)), List.of("b")));
    }
}
