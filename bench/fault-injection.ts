// Benchmark (not a test): the fault-injection scenario at scale. The real engine, Acumatica client and Extensiv
// adapter talk to their doubles through fault proxies that break a share of all calls (dropped before/after the
// server acted, stalled past the time limit, 5xx, 429, cut in half, delayed out of order). Prints what was injected
// and the books: lost, doubled at the WMS, doubled shipments in Acumatica, orders parked without a reason.
// Run: npm run bench:faults  (FAULT_ORDERS=2000 FAULT_SHARE=0.2 FAULT_SEED=7 by default)
import { runFaultScenario } from '../test/integration/reliability/fault-run.js';

const orders = Number(process.env.FAULT_ORDERS ?? 2000);
const share = Number(process.env.FAULT_SHARE ?? 0.2);
const seed = Number(process.env.FAULT_SEED ?? 7);

async function main(): Promise<void> {
  console.log(`fault injection: ${orders} orders, ${(share * 100).toFixed(0)} % of calls faulty on each side, seed ${seed}`);
  const r = await runFaultScenario({ orders, share, seed, maxCycles: 2000, progress: (l) => console.log(`  ${l}`) });
  const fmt = (x: Record<string, number>): string => Object.entries(x).map(([k, v]) => `${k} ${v}`).join(', ');
  console.log(`calls (faulty phase): Acumatica ${r.calls.acumatica} (${(r.faultShare.acumatica * 100).toFixed(1)} % faulty), Extensiv ${r.calls.wms} (${(r.faultShare.wms * 100).toFixed(1)} % faulty)`);
  console.log(`  injected at Acumatica: ${fmt(r.injected.acumatica)}`);
  console.log(`  injected at Extensiv:  ${fmt(r.injected.wms)}`);
  console.log(`settled after ${r.cyclesFaulty} polls: ${fmt(r.settledStates)}`);
  for (const p of r.parked.slice(0, 10)) console.log(`  parked ${p.ref} (${p.state}): ${p.reason}`);
  console.log(`after faults stop + one "retry all failed": ${fmt(r.finalStates)} in ${r.cyclesAfter} more polls`);
  for (const p of r.finalParked.slice(0, 10)) console.log(`  still ${p.state}: ${p.ref}: ${p.reason}`);
  console.log(`lost ${r.lost.length}, doubled at WMS ${r.doubledAtWms.length}, doubled shipments ${r.doubledShipments.length}, wrong tracking ${r.wrongTracking.length}, parked without reason ${r.unexplained.length}`);
  console.log(`wall time ${(r.wallMs / 1000).toFixed(1)} s`);
  const ok = r.lost.length + r.doubledAtWms.length + r.doubledShipments.length + r.wrongTracking.length + r.unexplained.length === 0 && (r.finalStates.done ?? 0) === r.orders;
  console.log(ok ? 'RESULT: ok' : 'RESULT: FAILED');
  if (!ok) process.exitCode = 1;
}

await main();
