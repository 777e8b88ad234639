package dev.sluice.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.server.testing.SluiceProcess;
import dev.sluice.server.testing.SluiceProcess.ProcessResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * psql's meta-commands against a real server (issue 8): the catalog queries psql 15 sends run over
 * pg_catalog, and print what PostgreSQL 15 prints for a table with the same columns.
 */
@Tag("integration")
class PsqlCatalogTest {
    private static SluiceProcess server;

    @BeforeAll
    static void start() {
        server = SluiceProcess.start();
        ProcessResult r = server.psql(
                "-q",
                "-c",
                "CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL, score DOUBLE, tags TEXT[],"
                        + " amount DECIMAL(10,2));"
                        + " CREATE STREAM clicks (user_id INT, page VARCHAR, ts TIMESTAMP)"
                        + " WITH (partitions = 4, timestamp = 'ts', key = 'user_id');"
                        + " CREATE TABLE plain (a INT, b TEXT);"
                        + " CREATE MATERIALIZED VIEW page_counts AS SELECT page, count(*) AS n FROM clicks GROUP BY page;");
        assertEquals(0, r.exitCode(), r.stderr());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String psql(String command) {
        ProcessResult r = server.psql("-c", command);
        assertEquals(0, r.exitCode(), command + ": " + r.stderr());
        assertEquals("", r.stderr(), command);
        return r.stdout();
    }

    @Test
    void listRelations() {
        assertEquals(
                """
                                 List of relations
                 Schema |    Name     |       Type        | Owner \s
                --------+-------------+-------------------+--------
                 public | clicks      | table             | sluice
                 public | page_counts | materialized view | sluice
                 public | plain       | table             | sluice
                 public | users       | table             | sluice
                (4 rows)

                """,
                psql("\\d"));
        assertEquals(
                """
                        List of relations
                 Schema |  Name  | Type  | Owner \s
                --------+--------+-------+--------
                 public | clicks | table | sluice
                 public | plain  | table | sluice
                 public | users  | table | sluice
                (3 rows)

                """,
                psql("\\dt"));
        assertEquals(
                """
                                 List of relations
                 Schema |    Name     |       Type        | Owner \s
                --------+-------------+-------------------+--------
                 public | page_counts | materialized view | sluice
                (1 row)

                """,
                psql("\\dm"));
        ProcessResult views = server.psql("-c", "\\dv");
        assertEquals(0, views.exitCode(), views.stderr());
        assertEquals("Did not find any relations.\n", views.stderr());
    }

    @Test
    void schemasAndDatabases() {
        assertEquals(
                """
                     List of schemas
                      Name      | Owner \s
                ----------------+--------
                 public         | sluice
                 sluice_catalog | sluice
                (2 rows)

                """,
                psql("\\dn"));
        String l = psql("\\l");
        assertTrue(l.contains(" sluice | sluice | UTF8     |"), l);
        assertTrue(l.contains("(1 row)"), l);
    }

    @Test
    void describeTableWithPrimaryKey() {
        assertEquals(
                """
                                      Table "public.users"
                 Column |         Type          | Collation | Nullable | Default\s
                --------+-----------------------+-----------+----------+---------
                 id     | integer               |           | not null |\s
                 name   | character varying(20) |           | not null |\s
                 score  | double precision      |           |          |\s
                 tags   | text[]                |           |          |\s
                 amount | numeric(10,2)         |           |          |\s
                Indexes:
                    "users_pkey" PRIMARY KEY, btree (id)

                """,
                psql("\\d users"));
    }

    @Test
    void describePlusShowsStorageAndOptions() {
        assertEquals(
                """
                                                                    Table "public.clicks"
                 Column  |            Type             | Collation | Nullable | Default | Storage  | Compression | Stats target | Description\s
                ---------+-----------------------------+-----------+----------+---------+----------+-------------+--------------+-------------
                 user_id | integer                     |           |          |         | plain    |             |              |\s
                 page    | character varying           |           |          |         | extended |             |              |\s
                 ts      | timestamp without time zone |           |          |         | plain    |             |              |\s
                Access method: heap
                Options: key=user_id, partitions=4, timestamp=ts

                """,
                psql("\\d+ clicks"));
        String users = psql("\\d+ users");
        assertTrue(users.contains("\"users_pkey\" PRIMARY KEY, btree (id)"), users);
        String plain = psql("\\d plain");
        assertTrue(plain.contains(" a      | integer |"), plain);
        assertTrue(!plain.contains("_row_id"), plain);
    }

    @Test
    void describeMaterializedView() {
        String out = psql("\\d page_counts");
        assertTrue(out.contains("Materialized view \"public.page_counts\""), out);
        assertTrue(out.contains(" n      | bigint |           | not null |"), out);
    }

    @Test
    void droppedRelationDisappearsAtOnce() {
        assertEquals(
                0,
                server.psql("-c", "CREATE TABLE gone_soon (k INT PRIMARY KEY)").exitCode());
        assertTrue(psql("\\dt").contains("gone_soon"));
        assertEquals(0, server.psql("-c", "DROP TABLE gone_soon").exitCode());
        assertTrue(!psql("\\dt").contains("gone_soon"));
        ProcessResult r = server.psql("-c", "\\d gone_soon");
        assertTrue(r.stderr().contains("Did not find any relation named \"gone_soon\"."), r.stderr());
    }

    @Test
    void sluiceCatalogTables() {
        ProcessResult r = server.psql(
                "-A", "-t", "-c", "SELECT name, kind, partitions FROM sluice_catalog.relations ORDER BY name");
        assertEquals(
                "clicks|STREAM|4\npage_counts|MATERIALIZED VIEW|4\nplain|TABLE|1\nusers|TABLE|1\n",
                r.stdout(),
                r.stderr());
        ProcessResult q = server.psql("-A", "-t", "-c", "SELECT sink, status FROM sluice_catalog.queries");
        assertEquals("page_counts|RUNNING\n", q.stdout(), q.stderr());
        ProcessResult t = server.psql(
                "-A", "-t", "-c", "SELECT count(*) FROM sluice_catalog.topic_partitions WHERE topic = 'clicks'");
        assertEquals("4\n", t.stdout(), t.stderr());
    }

    @Test
    void sessionSettings() {
        ProcessResult r = server.psql(
                "-q",
                "-A",
                "-t",
                "-c",
                "SET TimeZone = 'Europe/Paris'",
                "-c",
                "SELECT current_setting('timezone')",
                "-c",
                "SET extra_float_digits = 3",
                "-c",
                "SET search_path TO public, sluice_catalog",
                "-c",
                "SELECT current_schemas(false)",
                "-c",
                "SELECT setting FROM pg_settings WHERE name = 'extra_float_digits'",
                "-c",
                "RESET ALL",
                "-c",
                "SHOW TimeZone",
                "-c",
                "SHOW search_path",
                "-c",
                "SELECT set_config('application_name', 'from-set-config', false)",
                "-c",
                "SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(
                "Europe/Paris\n{public,sluice_catalog}\n3\nUTC\n\"$user\", public\nfrom-set-config\nfrom-set-config\n",
                r.stdout());
    }

    @Test
    void searchPathDecidesUnqualifiedNames() {
        ProcessResult r = server.psql(
                "-q",
                "-A",
                "-t",
                "-c",
                "SET search_path = sluice_catalog, public",
                "-c",
                "SELECT name FROM relations WHERE kind = 'STREAM'",
                "-c",
                "SELECT count(*) FROM users",
                "-c",
                "RESET search_path",
                "-c",
                "SELECT name FROM relations");
        assertEquals(1, r.exitCode());
        assertEquals("clicks\n0\n", r.stdout());
        assertTrue(r.stderr().contains("relation \"relations\" does not exist"), r.stderr());
    }

    @Test
    void droppedMaterializedViewDisappearsAtOnce() {
        assertEquals(
                0,
                server.psql(
                                "-c",
                                "CREATE MATERIALIZED VIEW short_view AS SELECT user_id, count(*) AS n FROM clicks"
                                        + " GROUP BY user_id")
                        .exitCode());
        assertTrue(psql("\\dm").contains("short_view"));
        ProcessResult q =
                server.psql("-A", "-t", "-c", "SELECT count(*) FROM sluice_catalog.queries WHERE sink = 'short_view'");
        assertEquals("1\n", q.stdout(), q.stderr());
        assertEquals(0, server.psql("-c", "DROP MATERIALIZED VIEW short_view").exitCode());
        assertTrue(!psql("\\dm").contains("short_view"));
        ProcessResult after =
                server.psql("-A", "-t", "-c", "SELECT count(*) FROM pg_matviews WHERE matviewname = 'short_view'");
        assertEquals("0\n", after.stdout(), after.stderr());
    }
}
