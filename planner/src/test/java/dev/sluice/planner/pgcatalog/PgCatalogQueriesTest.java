package dev.sluice.planner.pgcatalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.common.Row;
import dev.sluice.common.SluiceException;
import dev.sluice.common.types.Column;
import dev.sluice.common.types.Schema;
import dev.sluice.common.types.SqlType;
import dev.sluice.planner.calcite.CompiledQuery;
import dev.sluice.planner.calcite.PullQueryCompiler;
import dev.sluice.planner.calcite.RelationReader;
import dev.sluice.planner.catalog.Catalog;
import dev.sluice.planner.catalog.CatalogChange;
import dev.sluice.planner.catalog.QualifiedName;
import dev.sluice.planner.catalog.Relation;
import dev.sluice.planner.catalog.RelationKind;
import dev.sluice.planner.catalog.TopicSettings;
import dev.sluice.planner.sql.QueryConverter;
import dev.sluice.sql.SqlParser;
import dev.sluice.sql.ast.QueryStatement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Catalog queries of psql, pgjdbc and Grafana through the whole pull-query path. */
class PgCatalogQueriesTest {
    private final Catalog catalog = new Catalog();
    private final PullQueryCompiler compiler = new PullQueryCompiler(new RelationReader() {
        @Override
        public Iterator<StoredRow> scan(Relation relation) {
            return List.<StoredRow>of().iterator();
        }

        @Override
        public Optional<StoredRow> lookup(Relation relation, Object[] key) {
            return Optional.empty();
        }
    });
    private final SessionContext session = SessionContext.defaults("sluice");

    @BeforeEach
    void setUp() {
        catalog.apply(new CatalogChange.Put(new Relation(
                catalog.allocateOid(),
                QualifiedName.of("users"),
                RelationKind.TABLE,
                Schema.withKey(
                        List.of(
                                Column.notNull("id", SqlType.INT),
                                Column.notNull("name", SqlType.varchar(20)),
                                Column.of("score", SqlType.DOUBLE)),
                        List.of("id")),
                null,
                "users",
                TopicSettings.changelog(1),
                Map.of(),
                "CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL, score DOUBLE)",
                List.of(),
                false)));
    }

    List<String> rows(String sql) {
        QueryStatement q = (QueryStatement) SqlParser.parseStatement(sql);
        CompiledQuery compiled = compiler.compile(catalog.snapshot(), new QueryConverter().convert(q.query()), sql);
        if (Boolean.getBoolean("explain")) {
            System.out.println("PLAN:\n" + compiled.explain());
        }
        List<String> out = new ArrayList<>();
        for (Iterator<Row> it = compiled.execute(new Object[0], new AtomicBoolean(), session); it.hasNext(); ) {
            Row r = it.next();
            List<String> values = new ArrayList<>();
            for (int i = 0; i < r.arity(); i++) {
                values.add(String.valueOf(r.get(i)));
            }
            out.add(String.join("|", values));
        }
        return out;
    }

    @Test
    void psqlDescribeColumns() {
        assertEquals(
                List.of(
                        "id|integer|null|true|null||",
                        "name|character varying(20)|null|true|null||",
                        "score|double precision|null|false|null||"),
                rows(
                        """
                        SELECT a.attname,
                          pg_catalog.format_type(a.atttypid, a.atttypmod),
                          (SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true)
                           FROM pg_catalog.pg_attrdef d
                           WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef),
                          a.attnotnull,
                          (SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type t
                           WHERE c.oid = a.attcollation AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS attcollation,
                          a.attidentity,
                          a.attgenerated
                        FROM pg_catalog.pg_attribute a
                        WHERE a.attrelid = '16384' AND a.attnum > 0 AND NOT a.attisdropped
                        ORDER BY a.attnum"""));
    }

    @Test
    void correlatedScalarSubquery() {
        assertEquals(
                List.of("id|null", "name|null", "score|null"),
                rows("SELECT a.attname, (SELECT d.adbin FROM pg_catalog.pg_attrdef d WHERE d.adrelid = a.attrelid)"
                        + " FROM pg_catalog.pg_attribute a WHERE a.attrelid = 16384"));
    }

    @Test
    void psqlDescribePublications() {
        assertEquals(
                List.of(),
                rows(
                        """
                SELECT pubname
                     , NULL
                     , NULL
                FROM pg_catalog.pg_publication p
                     JOIN pg_catalog.pg_publication_namespace pn ON p.oid = pn.pnpubid
                     JOIN pg_catalog.pg_class pc ON pc.relnamespace = pn.pnnspid
                WHERE pc.oid ='16384' and pg_catalog.pg_relation_is_publishable('16384')
                UNION
                SELECT pubname
                     , pg_get_expr(pr.prqual, c.oid)
                     , (CASE WHEN pr.prattrs IS NOT NULL THEN
                         (SELECT string_agg(attname, ', ')
                           FROM pg_catalog.generate_series(0, pg_catalog.array_upper(pr.prattrs::pg_catalog.int2[], 1)) s,
                                pg_catalog.pg_attribute
                          WHERE attrelid = pr.prrelid AND attnum = prattrs[s])
                        ELSE NULL END) FROM pg_catalog.pg_publication p
                     JOIN pg_catalog.pg_publication_rel pr ON p.oid = pr.prpubid
                     JOIN pg_catalog.pg_class c ON c.oid = pr.prrelid
                WHERE pr.prrelid = '16384'
                UNION
                SELECT pubname
                     , NULL
                     , NULL
                FROM pg_catalog.pg_publication p
                WHERE p.puballtables AND pg_catalog.pg_relation_is_publishable('16384')
                ORDER BY 1"""));
    }

    @Test
    void pgjdbcPrimaryKeys() {
        assertEquals(
                List.of("null|public|users|id|1|users_pkey"),
                rows(
                        """
                SELECT       result.TABLE_CAT,        result.TABLE_SCHEM,        result.TABLE_NAME,
                       result.COLUMN_NAME,        result.KEY_SEQ,        result.PK_NAME FROM
                     (SELECT NULL AS TABLE_CAT, n.nspname AS TABLE_SCHEM,   ct.relname AS TABLE_NAME,
                   a.attname AS COLUMN_NAME,   (information_schema._pg_expandarray(i.indkey)).n AS KEY_SEQ,
                   ci.relname AS PK_NAME,   information_schema._pg_expandarray(i.indkey) AS KEYS, a.attnum AS A_ATTNUM
                 FROM pg_catalog.pg_class ct   JOIN pg_catalog.pg_attribute a ON (ct.oid = a.attrelid)
                   JOIN pg_catalog.pg_namespace n ON (ct.relnamespace = n.oid)
                   JOIN pg_catalog.pg_index i ON ( a.attrelid = i.indrelid)
                   JOIN pg_catalog.pg_class ci ON (ci.oid = i.indexrelid)
                 WHERE true  AND n.nspname = E'public' AND ct.relname = E'users' AND i.indisprimary  ) result
                 where  result.A_ATTNUM = (result.KEYS).x  ORDER BY result.table_name, result.pk_name, result.key_seq"""));
    }

    @Test
    void pgjdbcTypeInfoCache() {
        assertEquals(
                List.of("true|pg_catalog|int4"),
                rows(
                        """
                SELECT n.nspname = ANY(current_schemas(true)), n.nspname, t.typname FROM pg_catalog.pg_type t
                JOIN pg_catalog.pg_namespace n ON t.typnamespace = n.oid WHERE t.oid = 23"""));
        assertEquals(
                List.of("false|b|int4|23"),
                rows(
                        """
                SELECT typinput='pg_catalog.array_in'::regproc as is_array, typtype, typname, pg_type.oid
                FROM pg_catalog.pg_type LEFT JOIN (select ns.oid as nspoid, ns.nspname, r.r from pg_namespace as ns
                join ( select s.r, (current_schemas(false))[s.r] as nspname from
                generate_series(1, array_upper(current_schemas(false), 1)) as s(r) ) as r using ( nspname )
                ) as sp ON sp.nspoid = typnamespace WHERE pg_type.oid = 23 ORDER BY sp.r, pg_type.oid DESC"""));
    }

    @Test
    void grafanaQueries() {
        assertEquals(List.of("1500"), rows("SELECT current_setting('server_version_num')::int/100 as version"));
        assertEquals(List.of(), rows("SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'"));
        assertEquals(
                List.of("users"),
                rows(
                        """
                select quote_ident(table_name) as table_name from information_schema.tables
                    where quote_ident(table_schema) not in ('information_schema', 'pg_catalog',
                        '_timescaledb_cache', '_timescaledb_catalog', '_timescaledb_internal',
                        '_timescaledb_config', 'timescaledb_information', 'timescaledb_experimental')
                      and table_type = 'BASE TABLE' and
                      quote_ident(table_schema) IN (
                      SELECT
                        CASE WHEN trim(s[i]) = '"$user"' THEN user ELSE trim(s[i]) END
                      FROM
                        generate_series(
                          array_lower(string_to_array(current_setting('search_path'),','),1),
                          array_upper(string_to_array(current_setting('search_path'),','),1)
                        ) as i,
                        string_to_array(current_setting('search_path'),',') s
                      )"""));
        assertEquals(
                List.of("id|integer", "name|character varying", "score|double precision"),
                rows(
                        """
                select quote_ident(column_name) as "column", data_type as "type"
                    from information_schema.columns
                    where quote_ident(table_name) = 'users'"""));
    }

    @Test
    void regCasts() {
        assertEquals(
                List.of("users|16384|integer|23|pg_class|users"),
                rows(
                        "SELECT 'users'::regclass, 'users'::regclass::oid, 23::regtype, 'int4'::regtype::oid,"
                                + " 'pg_catalog.pg_class'::regclass, (SELECT relname FROM pg_class WHERE oid = 'users'::regclass)"));
        SluiceException e = assertThrows(SluiceException.class, () -> rows("SELECT 'nope'::regclass"));
        assertEquals("42P01", e.sqlState());
    }

    @Test
    void pgjdbcSqlKeywords() {
        List<String> got = rows("select string_agg(word, ',') from pg_catalog.pg_get_keywords()"
                + " where word <> ALL ('{a,abs,absolute,all,analyse}'::text[])");
        assertEquals(1, got.size());
        assertTrue(got.get(0).startsWith("analyze,and,any,array,"), got.get(0));
    }

    @Test
    void sqlKeywordArgumentForms() {
        assertEquals(
                List.of("bcd|users|users\"|1|5|xcc"),
                rows("SELECT substring('abcdef' FROM 2 FOR 3), trim(both '\"' from '\"users\"'),"
                        + " trim(leading '\"' from 'users\"'), 7 & 3 - 2, position('e' in 'abcdef'),"
                        + " trim('  x  ') || substring('abc' from 3) || 'c'"));
    }

    @Test
    void unknownFunctionIs42883() {
        SluiceException e = assertThrows(SluiceException.class, () -> rows("SELECT no_such_function(1)"));
        assertEquals("42883", e.sqlState());
    }
}
