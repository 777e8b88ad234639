-- Grafana (postgresMetaQuery.ts), DBeaver, psycopg2, node-postgres, lib/pq, pgx
SELECT current_setting('server_version_num')::int/100 as version;
SELECT extversion FROM pg_extension WHERE extname = 'timescaledb';
SELECT quote_ident(schema_name) FROM information_schema.schemata WHERE schema_name NOT LIKE 'pg_%' AND schema_name NOT LIKE '\_%' AND schema_name <> 'information_schema';
select quote_ident(table_name) as "table" from information_schema.tables
    where quote_ident(table_schema) not in ('information_schema',
                             'pg_catalog',
                             '_timescaledb_cache',
                             '_timescaledb_catalog',
                             '_timescaledb_internal',
                             '_timescaledb_config',
                             'timescaledb_information',
                             'timescaledb_experimental')
      and
          quote_ident(table_schema) IN (
          SELECT
            CASE WHEN trim(s[i]) = '"$user"' THEN user ELSE trim(s[i]) END
          FROM
            generate_series(
              array_lower(string_to_array(current_setting('search_path'),','),1),
              array_upper(string_to_array(current_setting('search_path'),','),1)
            ) as i,
            string_to_array(current_setting('search_path'),',') s
          );
select quote_ident(column_name) as "column", data_type as "type"
    from information_schema.columns
    where quote_ident(table_name) = 'pageviews';
SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = (parse_ident('public.pageviews'))[array_length(parse_ident('public.pageviews'), 1) - 1] AND table_name = 'pageviews' ORDER BY column_name;
SELECT time_bucket AS "time", avg(value) FROM metrics WHERE ts BETWEEN '2026-01-01T00:00:00Z' AND '2026-01-01T01:00:00Z' GROUP BY 1 ORDER BY 1;
-- DBeaver
SELECT current_schema(),session_user;
SELECT db.oid,db.* FROM pg_catalog.pg_database db WHERE datname=$1;
SHOW search_path;
SELECT n.oid,n.*,d.description FROM pg_catalog.pg_namespace n LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=n.oid AND d.objsubid=0 AND d.classoid='pg_namespace'::regclass ORDER BY nspname;
SELECT t.oid,t.*,c.relkind,format_type(nullif(t.typbasetype, 0), t.typtypmod) as base_type_name, d.description FROM pg_catalog.pg_type t LEFT OUTER JOIN pg_catalog.pg_type et ON et.oid=t.typelem LEFT OUTER JOIN pg_catalog.pg_class c ON c.oid=t.typrelid LEFT OUTER JOIN pg_catalog.pg_description d ON t.oid=d.objoid WHERE t.typname IS NOT NULL AND (c.relkind IS NULL OR c.relkind = 'c') AND (et.typcategory IS NULL OR et.typcategory <> 'C');
SELECT c.relname,a.*,pg_catalog.pg_get_expr(ad.adbin, ad.adrelid, true) as def_value,dsc.description,dep.objid FROM pg_catalog.pg_attribute a INNER JOIN pg_catalog.pg_class c ON (a.attrelid=c.oid) LEFT OUTER JOIN pg_catalog.pg_attrdef ad ON (a.attrelid=ad.adrelid AND a.attnum = ad.adnum) LEFT OUTER JOIN pg_catalog.pg_description dsc ON (c.oid=dsc.objoid AND a.attnum = dsc.objsubid) LEFT OUTER JOIN pg_depend dep on dep.refobjid = a.attrelid AND dep.deptype = 'i' and dep.refobjsubid = a.attnum and dep.classid = dep.refclassid WHERE NOT a.attisdropped AND c.relkind not in ('i','I','c') AND c.oid=$1 ORDER BY a.attnum;
SELECT * FROM pg_catalog.pg_settings WHERE name IN ('standard_conforming_strings', 'server_version_num');
SELECT a.rolname, a.oid, pg_catalog.obj_description(a.oid, 'pg_authid') AS description FROM pg_catalog.pg_roles a ORDER BY a.rolname;
-- psycopg2 / libpq
SET DATESTYLE TO 'ISO';
SET client_encoding TO 'UTF8';
SET standard_conforming_strings = on;
SET TIME ZONE 'UTC'; SET TIME ZONE LOCAL;
DECLARE "cur_1" CURSOR WITHOUT HOLD FOR SELECT * FROM pageviews EMIT CHANGES;
FETCH FORWARD 2000 FROM "cur_1";
CLOSE "cur_1";
SELECT pg_catalog.set_config('search_path', '', false);
SET statement_timeout = 0; SET default_tablespace = ''; SET check_function_bodies = false; SET client_min_messages = warning;
-- node-postgres, lib/pq, pgx pings and parameters
SELECT $1::text AS name, $2::int AS age;
SELECT 1;
SELECT version();
SELECT pg_backend_pid();
