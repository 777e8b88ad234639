-- SPEC §2: queries
SELECT * FROM views_per_user WHERE user_id = 7;       -- pull: a snapshot, returns and ends
SELECT * FROM pageviews WHERE page = '/cart' EMIT CHANGES;   -- push: runs until cancelled
SUBSCRIBE TO views_per_user;  SUBSCRIBE (SELECT * FROM views_per_user WHERE views > 10);
SUBSCRIBE views_per_user WITH (snapshot = true);
DECLARE c CURSOR FOR SELECT * FROM pageviews EMIT CHANGES;  FETCH 100 FROM c;  FETCH 100 FROM c WITH (timeout = '1s');  CLOSE c;
DECLARE c2 CURSOR FOR SUBSCRIBE TO views_per_user;
COPY (SELECT * FROM pageviews EMIT CHANGES) TO STDOUT;             -- push that psql prints as rows arrive
