# The catalog queries Grafana's PostgreSQL data source sends (postgresMetaQuery.ts), through
# psycopg2 (simple protocol, parameters interpolated by the client). Prints one JSON object.
import json
import os

import psycopg2

conn = psycopg2.connect(host="127.0.0.1", port=int(os.environ["PGPORT"]), user="sluice", dbname="sluice")
conn.autocommit = True
cur = conn.cursor()
out = {}
cur.execute("SELECT current_setting('server_version_num')::int/100 as version")
out["version"] = cur.fetchone()[0]
cur.execute("SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'")
out["timescaledb"] = cur.fetchall()
cur.execute("""select quote_ident(table_name) as table_name from information_schema.tables
    where quote_ident(table_schema) not in ('information_schema',
                             'pg_catalog',
                             '_timescaledb_cache',
                             '_timescaledb_catalog',
                             '_timescaledb_internal',
                             '_timescaledb_config',
                             'timescaledb_information',
                             'timescaledb_experimental')
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
          )""")
out["tables"] = sorted(r[0] for r in cur.fetchall())
cur.execute("""select quote_ident(column_name) as "column", data_type as "type"
    from information_schema.columns
    where quote_ident(table_name) = %s""", ("readings",))
out["columns"] = cur.fetchall()
cur.execute("select schema_name from information_schema.schemata order by 1")
out["schemata"] = [r[0] for r in cur.fetchall()]
print(json.dumps(out))
