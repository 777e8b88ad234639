// node-postgres: connect, parameterized inserts (unnamed Parse without type OIDs), select.
const { Client } = require('pg');
(async () => {
  const c = new Client({ host: '127.0.0.1', port: Number(process.env.PGPORT), user: 'sluice', database: 'sluice' });
  await c.connect();
  await c.query('CREATE TABLE nodet (id INT, name TEXT)');
  const ins = await c.query('INSERT INTO nodet VALUES ($1, $2)', [1, 'one']);
  await c.query('INSERT INTO nodet VALUES ($1, $2)', [2, null]);
  const r = await c.query('SELECT * FROM nodet');
  let error = null;
  try {
    await c.query('SELECT * FROM nowhere');
  } catch (e) {
    error = e.code;
  }
  console.log(JSON.stringify({ inserted: ins.rowCount, rows: r.rows, error }));
  await c.end();
})().catch((e) => { console.error(e); process.exit(1); });
