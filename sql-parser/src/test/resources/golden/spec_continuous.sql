-- SPEC §2: continuous queries
CREATE STREAM errors AS SELECT * FROM logs WHERE level = 'ERROR';                 -- CSAS
CREATE TABLE views_per_user AS SELECT user_id, COUNT(*) AS views FROM pageviews GROUP BY user_id;  -- CTAS
CREATE MATERIALIZED VIEW views_per_user AS SELECT user_id, COUNT(*) AS views FROM pageviews GROUP BY user_id;
CREATE TABLE per_minute AS SELECT page, COUNT(*) AS n FROM pageviews
  WINDOW TUMBLING (SIZE 1 MINUTE, GRACE PERIOD 10 SECONDS) GROUP BY page EMIT FINAL;
INSERT INTO target SELECT user_id, page FROM src EMIT CHANGES;   -- persistent insert
INSERT INTO target SELECT user_id, page FROM src;                -- one-shot
CREATE TABLE hopping AS SELECT page, COUNT(*) AS n FROM pageviews
  WINDOW HOPPING (SIZE 1 MINUTE, ADVANCE BY 30 SECONDS) GROUP BY page EMIT CHANGES;
CREATE TABLE sessions AS SELECT user_id, COUNT(*) AS n FROM pageviews
  WINDOW SESSION (5 MINUTES, GRACE PERIOD 1 MINUTE) GROUP BY user_id EMIT ON WINDOW CLOSE;
SELECT window_start, window_end, COUNT(*) FROM TUMBLE(TABLE pageviews, DESCRIPTOR(ts), INTERVAL '1' MINUTE) GROUP BY window_start, window_end;
SELECT * FROM HOP(TABLE pageviews, DESCRIPTOR(ts), INTERVAL '30' SECOND, INTERVAL '1' MINUTE);
SELECT * FROM SESSION(TABLE pageviews, DESCRIPTOR(ts), INTERVAL '5' MINUTE);
SELECT ROWTIME, ROWPARTITION, ROWOFFSET, page FROM pageviews;
SELECT a.user_id, b.page FROM clicks a JOIN views b WITHIN 1 HOUR ON a.user_id = b.user_id;
SELECT a.user_id FROM clicks a LEFT JOIN views b WITHIN (10 SECONDS, 1 HOUR) ON a.user_id = b.user_id EMIT CHANGES;
SELECT a.id FROM a JOIN b ON a.id = b.id AND b.ts BETWEEN a.ts AND a.ts + INTERVAL '1' HOUR;
SELECT p.page, u.region FROM pageviews p JOIN users u ON p.user_id = u.id EMIT CHANGES;
SELECT * FROM (SELECT user_id, page, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY ts DESC) AS rn FROM pageviews) WHERE rn <= 3;
