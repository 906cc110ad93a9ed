// Benchmark (not a test): time from an order opening in Acumatica to its order file in the WMS exchange folder, with
// the real engine loop (engine.start(), real clock, real timers), the real Acumatica client against the double and
// the CSV folder adapter. The default poll is 60 s; to keep the run short this uses the shortest allowed poll (10 s)
// and reports both the measured latency and the processing part (latency minus the wait for the next poll), from
// which the default-poll figure follows: wait (uniform 0-60 s, mean 30 s) + processing.
// Run: npm run bench:latency  (LATENCY_SAMPLES=12 LATENCY_POLL_SECONDS=10)
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { STATUS_KEYS } from '../main/core/sync/engine.js';
import { startCsvFolderRig } from './csv-folder-rig.js';

const SAMPLES = Number(process.env.LATENCY_SAMPLES ?? 12);
const POLL_SECONDS = Number(process.env.LATENCY_POLL_SECONDS ?? 10);

async function main(): Promise<void> {
  const { exchange, double, store, engine, close } = await startCsvFolderRig('latency', POLL_SECONDS);
  double.seedSalesOrders(50, { seed: 3 }); // history already there
  engine.start();
  const total: number[] = [];
  const processing: number[] = [];
  try {
    await new Promise((r) => setTimeout(r, 1500));
    for (let i = 0; i < SAMPLES; i++) {
      // Open the order at a random moment of the poll interval.
      await new Promise((r) => setTimeout(r, Math.random() * POLL_SECONDS * 1000));
      const so = double.addSalesOrder();
      const opened = Date.now();
      const part = `ord_SO-${so.OrderNbr}_`;
      for (;;) {
        if (existsSync(join(exchange, 'in')) && readdirSync(join(exchange, 'in')).some((n) => n.startsWith(part))) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      const seen = Date.now();
      const pollAt = Date.parse(store.syncState.get<string>(STATUS_KEYS.lastPollAt) ?? '');
      total.push(seen - opened);
      processing.push(seen - Math.max(pollAt, opened));
      console.log(`  sample ${i + 1}: ${((seen - opened) / 1000).toFixed(2)} s (processing after the poll started ${((seen - Math.max(pollAt, opened)) / 1000).toFixed(2)} s)`);
    }
  } finally {
    await close();
  }
  const stats = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return { mean: s.reduce((a, b) => a + b, 0) / s.length, p50: s[Math.floor(s.length / 2)]!, max: s[s.length - 1]! };
  };
  const t = stats(total);
  const p = stats(processing);
  console.log(`latency with a ${POLL_SECONDS} s poll (${SAMPLES} samples): mean ${(t.mean / 1000).toFixed(2)} s, median ${(t.p50 / 1000).toFixed(2)} s, max ${(t.max / 1000).toFixed(2)} s`);
  console.log(`processing after the poll starts: mean ${(p.mean / 1000).toFixed(2)} s, max ${(p.max / 1000).toFixed(2)} s`);
  console.log(`=> with the default 60 s poll: mean ${(30 + p.mean / 1000).toFixed(1)} s, worst ${(60 + p.max / 1000).toFixed(1)} s (wait for the next poll + processing)`);
}

await main();
