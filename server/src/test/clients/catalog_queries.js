// Catalog queries through node-postgres's extended protocol (unnamed statements, no parameter
// OIDs): information_schema with a $1 parameter, pg_type by OID, current_schemas.
const { Client } = require('pg');

(async () => {
  const client = new Client({ host: '127.0.0.1', port: Number(process.env.PGPORT), user: 'sluice', database: 'sluice' });
  await client.connect();
  const out = {};
  let r = await client.query(
    'SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position',
    ['readings']);
  out.columns = r.rows;
  r = await client.query(
    'SELECT n.nspname = ANY(current_schemas(true)) AS visible, n.nspname, t.typname FROM pg_catalog.pg_type t'
      + ' JOIN pg_catalog.pg_namespace n ON t.typnamespace = n.oid WHERE t.oid = $1', [1186]);
  out.type = r.rows;
  r = await client.query('SELECT constraint_type, column_name FROM information_schema.table_constraints tc'
      + ' JOIN information_schema.key_column_usage k USING (constraint_name) WHERE tc.table_name = $1', ['readings']);
  out.key = r.rows;
  await client.end();
  console.log(JSON.stringify(out));
})().catch((e) => {
  console.log(JSON.stringify({ error: e.code, message: e.message }));
  process.exit(1);
});
