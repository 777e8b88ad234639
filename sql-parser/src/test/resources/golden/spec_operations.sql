-- SPEC §2: catalog and operations
SHOW STREAMS; SHOW TABLES; SHOW MATERIALIZED VIEWS; SHOW QUERIES; SHOW TOPICS;
DESCRIBE pageviews; DESCRIBE EXTENDED pageviews;  EXPLAIN SELECT * FROM pageviews;  SHOW CREATE views_per_user;
SHOW CREATE TABLE users;
PRINT pageviews; PRINT pageviews FROM BEGINNING; PRINT 'page-views' FROM BEGINNING LIMIT 10;
DROP STREAM pageviews; DROP TABLE IF EXISTS users CASCADE; DROP MATERIALIZED VIEW views_per_user;
TERMINATE CTAS_VIEWS_PER_USER_1;
SET application_name = 'x';  SHOW application_name;  RESET application_name;  BEGIN; COMMIT; ROLLBACK;
SHOW ALL; SET SESSION search_path TO public, "$user"; SET LOCAL statement_timeout = 0; RESET ALL;
START TRANSACTION; BEGIN TRANSACTION ISOLATION LEVEL READ COMMITTED; END; ABORT;
DEALLOCATE ALL; DEALLOCATE PREPARE s1; DISCARD ALL;
CREATE SOURCE nexmark WITH (connector = 'nexmark', events_per_second = 1000000);
CREATE SINK out FROM views_per_user WITH (connector = 'kafka', topic = 'out');
CREATE SINK IF NOT EXISTS out2 WITH (connector = 'file') AS SELECT * FROM pageviews;
DROP SOURCE nexmark; DROP SINK out;
