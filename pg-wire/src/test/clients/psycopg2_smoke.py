# psycopg2: connect, inserts with client-side parameters inside BEGIN/COMMIT, select, a named cursor.
import json
import os

import psycopg2

c = psycopg2.connect(host="127.0.0.1", port=int(os.environ["PGPORT"]), user="sluice", dbname="sluice")
cur = c.cursor()
cur.execute("CREATE TABLE pyt (id INT, name TEXT)")
cur.execute("INSERT INTO pyt VALUES (%s, %s)", (1, "one"))
cur.execute("INSERT INTO pyt VALUES (%s, %s)", (2, "it's"))
inserted = cur.rowcount
c.commit()
cur.execute("SELECT * FROM pyt")
rows = cur.fetchall()
c.commit()
named = c.cursor(name="series")
named.itersize = 2
named.execute("SELECT generate_series(1, 5)")
series = [r[0] for r in named]
c.commit()
try:
    cur.execute("SELECT * FROM nowhere")
    error = None
except psycopg2.Error as e:
    error = e.pgcode
    c.rollback()
print(json.dumps({"inserted": inserted, "rows": rows, "series": series, "error": error,
                  "server_version": c.server_version}))
c.close()
