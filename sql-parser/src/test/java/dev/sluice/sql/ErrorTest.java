package dev.sluice.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.common.SqlState;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed statements: each must fail with SQLSTATE 42601, the exact message and position. */
class ErrorTest {

    static Arguments bad(String sql, int position, int line, int column, String message) {
        return Arguments.of(sql, position, line, column, message);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                bad("SELECT * FORM t", 10, 1, 10, "syntax error at or near \"FORM\"; expected FROM"),
                bad("SELECT a, FROM t", 11, 1, 11, "syntax error at or near \"FROM\"; expected expression, \"*\""),
                bad("SELEC 1", 1, 1, 1, "syntax error at or near \"SELEC\"; expected SELECT"),
                bad("SELECT * FROM", 14, 1, 14, "syntax error at end of input; expected LATERAL, \"(\", identifier"),
                bad("SELECT * FROM t WHERE", 22, 1, 22, "syntax error at end of input; expected expression"),
                bad("SELECT (1 + 2", 14, 1, 14, "syntax error at end of input; expected \")\""),
                bad("SELECT 1 + 2)", 13, 1, 13, "syntax error at or near \")\""),
                bad("SELECT 'abc", 8, 1, 8, "unterminated quoted string at or near \"'abc\""),
                bad("SELECT \"abc", 8, 1, 8, "unterminated quoted identifier at or near \"\"abc\""),
                bad("SELECT 1 /* open", 10, 1, 10, "unterminated /* comment at or near \"/* open\""),
                bad("SELECT $$abc", 8, 1, 8, "unterminated dollar-quoted string at or near \"$$abc\""),
                bad("SELECT E'abc", 8, 1, 8, "unterminated quoted string at or near \"E'abc\""),
                bad("SELECT * FROM t WHERE a = = 1", 27, 1, 27, "syntax error at or near \"=\""),
                bad("CREATE STREAM s (a INT", 23, 1, 23, "syntax error at end of input; expected \",\", \")\""),
                bad("CREATE STREAM s (a INT PRIMARY KEY)", 18, 1, 18, "a stream has no primary key"),
                bad(
                        "CREATE TABLE t (a INT, PRIMARY KEY (a), PRIMARY KEY (a))",
                        41,
                        1,
                        41,
                        "multiple primary keys are not allowed"),
                bad("CREATE TABLE t (a VARCHAR(0))", 19, 1, 19, "length for type varchar must be at least 1"),
                bad(
                        "CREATE TABLE t (a DECIMAL(2, 5))",
                        19,
                        1,
                        19,
                        "decimal scale must be between 0 and the precision: 5"),
                bad("CREATE STREM s (a INT)", 8, 1, 8, "syntax error at or near \"STREM\"; expected STREAM"),
                bad(
                        "CREATE TABLE t AS",
                        18,
                        1,
                        18,
                        "syntax error at end of input; expected SELECT, VALUES, WITH, \"(\""),
                bad("INSERT INTO t VALUES (1,", 25, 1, 25, "syntax error at end of input; expected expression"),
                bad("INSERT t VALUES (1)", 8, 1, 8, "syntax error at or near \"t\"; expected INTO"),
                bad("UPDATE t SET WHERE a = 1", 14, 1, 14, "syntax error at or near \"WHERE\"; expected identifier"),
                bad("DELETE t WHERE a = 1", 8, 1, 8, "syntax error at or near \"t\"; expected FROM"),
                bad("SELECT * FROM t GROUP a", 23, 1, 23, "syntax error at or near \"a\"; expected BY"),
                bad("SELECT * FROM t ORDER a", 23, 1, 23, "syntax error at or near \"a\"; expected BY"),
                bad("SELECT * FROM t LIMIT", 22, 1, 22, "syntax error at end of input; expected ALL, expression"),
                bad(
                        "SELECT * FROM t WINDOW TUMBLING (SIZE 1)",
                        40,
                        1,
                        40,
                        "syntax error at or near \")\"; expected time unit"),
                bad(
                        "SELECT * FROM t WINDOW TUMBLING (SIZE 1 FORTNIGHT)",
                        41,
                        1,
                        41,
                        "syntax error at or near \"FORTNIGHT\"; expected time unit"),
                bad(
                        "SELECT * FROM t EMIT SOMETIMES",
                        22,
                        1,
                        22,
                        "syntax error at or near \"SOMETIMES\"; expected CHANGES, FINAL, ON"),
                bad("SELECT * FROM a JOIN b", 23, 1, 23, "syntax error at end of input; expected ON, USING, WITHIN"),
                bad("SELECT CAST(a AS) FROM t", 17, 1, 17, "syntax error at or near \")\"; expected ARRAY, identifier"),
                bad(
                        "SELECT CASE WHEN a THEN 1 FROM t",
                        27,
                        1,
                        27,
                        "syntax error at or near \"FROM\"; expected ELSE, END, WHEN"),
                bad("SELECT * FROM t WHERE a BETWEEN 1", 34, 1, 34, "syntax error at end of input"),
                bad("SELECT * FROM t WHERE a NOT 1", 29, 1, 29, "syntax error at or near \"1\""),
                bad("SELECT count(* FROM t", 16, 1, 16, "syntax error at or near \"FROM\"; expected \")\""),
                bad("SELECT a FROM t;\nSELECT b FORM u", 32, 2, 15, "syntax error at or near \"u\""),
                bad("SELECT 1;\n  SELEC 2", 13, 2, 3, "syntax error at or near \"SELEC\"; expected SELECT"),
                bad(
                        "DROP t",
                        6,
                        1,
                        6,
                        "syntax error at or near \"t\"; expected MATERIALIZED, SINK, SOURCE, STREAM, TABLE, VIEW"),
                bad("SHOW", 5, 1, 5, "syntax error at end of input"),
                bad("FETCH FROM", 11, 1, 11, "syntax error at end of input; expected identifier"),
                bad(
                        "DECLARE c CURSOR FOR DROP TABLE t",
                        22,
                        1,
                        22,
                        "a cursor must be declared FOR a query or SUBSCRIBE"),
                bad("SET = 1", 5, 1, 5, "syntax error at or near \"=\""),
                bad("SET x 1", 7, 1, 7, "syntax error at or near \"1\"; expected TO, \"=\""),
                bad("PRINT", 6, 1, 6, "syntax error at end of input; expected string, identifier"),
                bad("TERMINATE", 10, 1, 10, "syntax error at end of input; expected ALL, string, identifier"),
                bad("COPY t FROM STDOUT", 13, 1, 13, "syntax error at or near \"STDOUT\"; expected STDIN"),
                bad("SUBSCRIBE", 10, 1, 10, "syntax error at end of input"),
                bad("SELECT @ FROM t", 8, 1, 8, "syntax error at or near \"@\""),
                bad(
                        "SELECT a FROM t WHERE b = 'x' AND",
                        34,
                        1,
                        34,
                        "syntax error at end of input; expected expression"),
                bad("SELECT a FROM t WHRE b = 1", 22, 1, 22, "syntax error at or near \"b\""),
                bad(
                        "SELECT a FROM t GROUP BY a HAVNG count(*) > 1",
                        28,
                        1,
                        28,
                        "syntax error at or near \"HAVNG\"; expected HAVING"),
                bad("EXPLAIN", 8, 1, 8, "syntax error at end of input"),
                bad("BEGIN TRANSACTION ISOLATION LEVEL READ", 39, 1, 39, "syntax error at end of input"),
                bad("SELECT $99999999999", 8, 1, 8, "parameter number too large: $99999999999"),
                bad("SELECT x::", 11, 1, 11, "syntax error at end of input; expected ARRAY, identifier"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void reportsPositionAndMessage(String sql, int position, int line, int column, String message) {
        SqlParseException e = assertThrows(SqlParseException.class, () -> SqlParser.parseStatements(sql));
        assertEquals(SqlState.SYNTAX_ERROR, e.sqlState());
        assertEquals(message, e.getMessage());
        assertEquals(position, e.position().orElseThrow(), "1-based character position");
        assertEquals(line, e.line(), "line");
        assertEquals(column, e.column(), "column");
    }

    @Test
    void atLeastThirtyCases() {
        assertTrue(malformed().count() >= 30);
    }

    @Test
    void carriesOffendingTokenAndExpectedList() {
        SqlParseException e = assertThrows(SqlParseException.class, () -> SqlParser.parseStatement("SELECT * FORM t"));
        assertEquals("FORM", e.offendingToken());
        assertEquals(java.util.List.of("FROM"), e.expected());
        SqlParseException end = assertThrows(SqlParseException.class, () -> SqlParser.parseStatement("SELECT (1"));
        assertEquals("", end.offendingToken());
        assertEquals(java.util.List.of("\")\""), end.expected());
    }

    @Test
    void parseStatementRejectsTwoStatements() {
        SqlParseException e =
                assertThrows(SqlParseException.class, () -> SqlParser.parseStatement("SELECT 1; SELECT 2"));
        assertEquals(11, e.position().orElseThrow());
    }

    @Test
    void noConsoleOutputOnErrors() {
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured));
        try {
            malformed().forEach(a -> {
                try {
                    SqlParser.parseStatements((String) a.get()[0]);
                } catch (SqlParseException expected) {
                    // the point of the test: nothing printed
                }
            });
        } finally {
            System.setErr(err);
        }
        assertEquals("", captured.toString());
    }
}
