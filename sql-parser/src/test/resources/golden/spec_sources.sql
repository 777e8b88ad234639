-- SPEC §2: sources of data
CREATE STREAM pageviews (user_id INT, page VARCHAR, ts TIMESTAMP)
  WITH (partitions = 4, replicas = 1, timestamp = 'ts', key = 'user_id', retention = '7 days');
CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR, region VARCHAR) WITH (partitions = 4);
INSERT INTO pageviews VALUES (1, '/home', TIMESTAMP '2026-01-01 10:00:00'), (2, '/cart', TIMESTAMP '2026-01-01 10:00:05');
INSERT INTO users VALUES (1, 'ann', 'eu');           -- upsert by primary key
UPDATE users SET region = 'us' WHERE id = 1;  DELETE FROM users WHERE id = 1;
COPY pageviews FROM STDIN (FORMAT csv);              -- bulk ingest (psql \copy, JDBC CopyManager)
CREATE TABLE t (a int, b int);
