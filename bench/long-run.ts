// Benchmark (not a test): 60 days of unattended running on a simulated clock at the default 1-minute poll (86,400
// polls): hourly access tokens, rotating refresh tokens with a 30-day absolute lifetime, the shared secret lapsing on
// day 45 for a day, orders opening daily, the rotating debug log, and the database size after the run and after
// idle polls. Run: npm run bench:long-run  (LONG_DAYS=60 LONG_POLL_MINUTES=1 LONG_ORDERS_PER_DAY=40)
import { runLongScenario } from '../test/integration/reliability/long-run.js';

const days = Number(process.env.LONG_DAYS ?? 60);
const pollMinutes = Number(process.env.LONG_POLL_MINUTES ?? 1);
const ordersPerDay = Number(process.env.LONG_ORDERS_PER_DAY ?? 40);

async function main(): Promise<void> {
  console.log(`long run: ${days} days, poll every ${pollMinutes} min, ${ordersPerDay} orders/day, secret lapses day 45 for 1 day`);
  const r = await runLongScenario({
    days,
    pollMinutes,
    ordersPerDay,
    secretLapseDay: 45,
    lapseDays: 1,
    logMaxFileSize: '1M',
    logMaxFiles: 3,
    idlePolls: 5_000,
    progress: (l) => console.log(`  ${l}`),
  });
  const kb = (n: number): string => `${(n / 1024).toFixed(0)} KB`;
  console.log(`polls ${r.polls}, orders ${r.orders}, final ${JSON.stringify(r.states)}, Acumatica requests ${r.acumaticaRequests} (${(r.acumaticaRequests / r.polls).toFixed(2)} per poll)`);
  console.log(`tokens: ${r.grants.password} password sign-ins, ${r.grants.refresh} refreshes, ${r.grants.expiredRefresh} refresh tokens past their 30-day lifetime, ${r.grants.rejected} grants refused`);
  console.log(`secret lapse: ${r.lapse.pollsDuring} polls showed "${r.lapse.state}" (${r.lapse.credential ?? '-'}), ${r.lapse.failedDuring} orders failed, ${r.lapse.importedDuring} imported, ${r.lapse.openedDuring} opened meanwhile`);
  console.log(`lost ${r.lost.length}, doubled at WMS ${r.doubledAtWms.length}, doubled shipments ${r.doubledShipments.length}`);
  console.log(`logs: ${r.log.files} files, ${kb(r.log.bytesOnDisk)} on disk (bound ${kb(r.log.boundBytes)})`);
  console.log(`database: ${kb(r.db.bytesAfterRun)} after the run (${r.db.bytesPerOrder} bytes per order), ${kb(r.db.bytesAfterIdle)} after ${r.db.idlePolls} more idle polls (+${r.db.bytesAfterIdle - r.db.bytesAfterRun} bytes)`);
  console.log(`wall time ${(r.wallMs / 1000).toFixed(1)} s`);
  const ok = r.lost.length + r.doubledAtWms.length + r.doubledShipments.length === 0 && r.states.done === r.orders && r.lapse.failedDuring === 0 && r.log.bytesOnDisk <= r.log.boundBytes;
  console.log(ok ? 'RESULT: ok' : 'RESULT: FAILED');
  if (!ok) process.exitCode = 1;
}

await main();
