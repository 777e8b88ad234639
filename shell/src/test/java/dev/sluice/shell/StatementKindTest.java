package dev.sluice.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatementKindTest {
    @Test
    void pushQueriesAreTheOnesWhoseResultNeverEnds() {
        assertTrue(StatementKind.of("SELECT * FROM s EMIT CHANGES").push());
        assertTrue(StatementKind.of(
                        "select page, count(*) from s window tumbling (size 1 minute) group by page emit final")
                .push());
        assertTrue(StatementKind.of("SUBSCRIBE TO v").push());
        assertTrue(StatementKind.of("SUBSCRIBE (SELECT * FROM v)").push());
        assertTrue(StatementKind.of("PRINT topic FROM BEGINNING").push());
        assertFalse(StatementKind.of("PRINT topic LIMIT 3").push());
        assertFalse(
                StatementKind.of("SELECT * FROM s WHERE note = 'EMIT CHANGES'").push());
        assertFalse(StatementKind.of("CREATE STREAM e AS SELECT * FROM s EMIT CHANGES")
                .push());
        assertFalse(
                StatementKind.of("INSERT INTO t SELECT * FROM s EMIT CHANGES").push());
        assertFalse(StatementKind.of("SELECT * FROM v").push());
    }

    @Test
    void catalogChangesAndTags() {
        assertEquals(new StatementKind(false, true, "CREATE STREAM"), StatementKind.of("create stream s (a int)"));
        assertEquals(
                "CREATE MATERIALIZED VIEW",
                StatementKind.of("CREATE MATERIALIZED VIEW v AS SELECT 1").tag());
        assertEquals(
                "CREATE TABLE",
                StatementKind.of("CREATE OR REPLACE TABLE t (a INT)").tag());
        assertEquals("DROP TABLE", StatementKind.of("DROP TABLE IF EXISTS t").tag());
        assertEquals("INSERT", StatementKind.of("INSERT INTO t VALUES (1)").tag());
        assertFalse(StatementKind.of("INSERT INTO t VALUES (1)").changesCatalog());
    }
}
