// Child process for the SQLite crash test: opens the store of the data folder given as argv[2] (running the
// migrations on a fresh file) and writes units of work in a loop until it is killed. One unit = an order, its
// send job and 50 activity entries in one transaction, exactly as the engine commits a state change with its log.
// Prints "unit N" after each commit so the parent knows how far it got.
import { openStore } from '../../../main/core/store/index.js';
import { sampleOrder } from '../../fixtures/orders.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: sqlite-writer <dataDir>');
const store = openStore(dir);
let n = (store.db.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n;
process.stdout.write(`ready ${n}\n`);
const pad = 'x'.repeat(400);
for (;;) {
  n++;
  const ref = `SO-${String(n).padStart(6, '0')}`;
  const now = new Date().toISOString();
  store.tx(() => {
    store.orders.insert(sampleOrder('SO', String(n).padStart(6, '0')), 'awaiting-wms', `hash-${n}`, now);
    store.jobs.enqueue('send-order', ref, Date.now(), now);
    for (let i = 0; i < 50; i++) store.activity.add(now, ref, 'info', 'imported', `unit ${n} entry ${i} ${pad}`);
  });
  process.stdout.write(`unit ${n}\n`);
}
