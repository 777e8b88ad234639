package dev.sluice.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.common.types.SqlType;
import dev.sluice.sql.ast.*;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlParserTest {

    @Test
    void splitsStatementsWithTextAndOffsets() {
        String sql = "SELECT 1;\n  -- note\n  select 2 ;;  INSERT INTO t VALUES (1)";
        List<ParsedStatement> statements = SqlParser.parseStatements(sql);
        assertEquals(3, statements.size());
        assertEquals("SELECT 1", statements.get(0).text());
        assertEquals(0, statements.get(0).offset());
        assertEquals("select 2", statements.get(1).text());
        assertEquals(sql.indexOf("select 2"), statements.get(1).offset());
        assertEquals(3, statements.get(1).pos().line());
        assertEquals(3, statements.get(1).pos().column());
        assertEquals("INSERT INTO t VALUES (1)", statements.get(2).text());
    }

    @Test
    void keywordArgumentFormsBecomeOrdinaryCalls() {
        assertEquals(
                "SELECT substring(x, 1, 2), btrim(y, '\"'), ltrim(y), btrim(y), strpos(z, 'a'), 7 & 3",
                SqlFormatter.format(SqlParser.parseStatement("SELECT substring(x FROM 1 FOR 2),"
                        + " trim(both '\"' from y), TRIM(LEADING FROM y), trim(from y), position('a' in z), 7 & 3")));
        assertEquals(
                "SELECT substring(pg_get_function_result(p.oid), 0, 6)",
                SqlFormatter.format(
                        SqlParser.parseStatement("SELECT substring(pg_get_function_result(p.oid) from 0 for 6)")));
    }

    @Test
    void theReservedWordTableIsAnOptionName() {
        var source = (dev.sluice.sql.ast.CreateSource)
                SqlParser.parseStatement("CREATE SOURCE bid WITH (connector = 'nexmark', TABLE = 'bid')");
        assertEquals("table", source.properties().get(1).name());
        String formatted = SqlFormatter.format(source);
        assertEquals(source, SqlParser.parseStatement(formatted), formatted);
    }

    @Test
    void emptyAndCommentOnlyInputHasNoStatements() {
        assertTrue(SqlParser.parseStatements("").isEmpty());
        assertTrue(SqlParser.parseStatements(";").isEmpty());
        assertTrue(SqlParser.parseStatements("-- ping").isEmpty());
        assertTrue(SqlParser.parseStatements(" /* a /* nested */ b */ ; ").isEmpty());
    }

    @Test
    void unquotedNamesFoldToLowerCaseQuotedKeepCase() {
        QueryStatement q = (QueryStatement) SqlParser.parseStatement("SELECT Foo, \"Bar\" FROM Sch.\"Tab\"");
        QuerySpecification spec = (QuerySpecification) q.query().body();
        assertEquals(List.of("foo"), ((ColumnRef) ((SingleColumn) spec.select().get(0)).expression()).parts());
        assertEquals(List.of("Bar"), ((ColumnRef) ((SingleColumn) spec.select().get(1)).expression()).parts());
        assertEquals(List.of("sch", "Tab"), ((Table) spec.from().get(0)).name().parts());
    }

    @Test
    void nodesCarryPositionsThatEqualityIgnores() {
        Statement a = SqlParser.parseStatement("SELECT x\nFROM t");
        Statement b = SqlParser.parseStatement("select   x from t");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        QuerySpecification spec =
                (QuerySpecification) ((QueryStatement) a).query().body();
        SourcePos from = spec.from().get(0).pos();
        assertEquals(14, from.offset());
        assertEquals(2, from.line());
        assertEquals(6, from.column());
        assertEquals(15, from.pgPosition());
        assertNotEquals(a, SqlParser.parseStatement("SELECT y FROM t"));
    }

    @Test
    void typesMapToSqlTypes() {
        CreateTable t = (CreateTable)
                SqlParser.parseStatement(
                        "CREATE TABLE t (a INTEGER PRIMARY KEY, b NUMERIC(10,2), c CHARACTER VARYING(5), d MAP<TEXT, ARRAY<INT8>>, e regclass)");
        assertEquals(SqlType.INT, t.columns().get(0).type().toSqlType().orElseThrow());
        assertTrue(t.columns().get(0).primaryKey());
        assertEquals(
                SqlType.decimal(10, 2), t.columns().get(1).type().toSqlType().orElseThrow());
        assertEquals(SqlType.varchar(5), t.columns().get(2).type().toSqlType().orElseThrow());
        assertEquals(
                SqlType.map(SqlType.TEXT, SqlType.array(SqlType.BIGINT)),
                t.columns().get(3).type().toSqlType().orElseThrow());
        assertTrue(t.columns().get(4).type().toSqlType().isEmpty());
        assertInstanceOf(NamedType.class, t.columns().get(4).type());
    }

    @Test
    void literalsAreDecoded() {
        assertEquals(new StringLiteral(null, "a\tb'c"), SqlParser.parseExpression("E'a\\tb\\'c'"));
        assertEquals(new StringLiteral(null, "it's"), SqlParser.parseExpression("'it''s'"));
        assertEquals(new StringLiteral(null, "x 'y' $$"), SqlParser.parseExpression("$q$x 'y' $$$q$"));
        assertEquals(new Parameter(null, 3), SqlParser.parseExpression("$3"));
        assertEquals(
                new IntervalLiteral(null, "1", IntervalField.HOUR, null),
                SqlParser.parseExpression("INTERVAL '1' HOURS"));
    }

    @Test
    void streamingClauses() {
        CreateAs c = (CreateAs)
                SqlParser.parseStatement(
                        "CREATE TABLE x AS SELECT k, COUNT(*) FROM s WINDOW HOPPING (SIZE 1 MINUTE, ADVANCE BY 10 SECONDS) GROUP BY k EMIT ON WINDOW CLOSE");
        assertEquals(ObjectKind.TABLE, c.kind());
        assertEquals(EmitMode.FINAL, c.query().emit());
        HoppingWindow w = (HoppingWindow) ((QuerySpecification) c.query().body()).window();
        assertEquals(new Duration(null, 1, DurationUnit.MINUTES), w.size());
        assertEquals(new Duration(null, 10, DurationUnit.SECONDS), w.advance());
    }

    @Test
    void castSpellingsMeanTheSame() {
        assertEquals(SqlParser.parseExpression("CAST(x AS int)"), SqlParser.parseExpression("x::integer"));
        assertEquals(SqlParser.parseExpression("a <> b"), SqlParser.parseExpression("a != b"));
    }

    @Test
    void formatterOutputIsCanonical() {
        assertEquals(
                "SELECT a AS \"Total\", CAST(b AS BIGINT) FROM t WHERE (a + 1) * 2 > 3 EMIT FINAL",
                SqlFormatter.format(SqlParser.parseStatement(
                        "select a \"Total\", b::int8 from t where (a+1)*2>3 emit on window close")));
    }

    @Test
    void deepNestingIsAnErrorNotACrash() {
        String deep = "SELECT " + "(".repeat(5000) + "1" + ")".repeat(5000);
        try {
            SqlParser.parseStatement(deep);
        } catch (SqlParseException e) {
            assertEquals("statement is too deeply nested to parse", e.getMessage());
        }
    }
}
