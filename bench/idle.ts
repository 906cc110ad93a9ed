// Benchmark (not a test): what an idle installation costs. The real engine loop (engine.start(), real clock) with the
// real Acumatica client against the double and the CSV folder adapter, 200 orders already done, nothing changing.
// Measures CPU time of this process (the double runs in it too, so the figure is an upper bound) and the requests
// that reach Acumatica, over IDLE_SECONDS at IDLE_POLL_SECONDS, and scales both to one hour at that poll and at the
// default 60 s poll. Run: npm run bench:idle  (IDLE_SECONDS=120 IDLE_POLL_SECONDS=10)
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAcumaticaGateway } from '../main/core/acumatica/client.js';
import { systemClock } from '../main/core/clock.js';
import { silentLogger } from '../main/core/log/logger.js';
import { settingsSchema } from '../main/core/settings/schema.js';
import { openStore } from '../main/core/store/index.js';
import { createEngine } from '../main/core/sync/engine.js';
import { createWmsAdapter } from '../main/core/wms/index.js';
import { MemorySecretStore } from '../test/helpers/secrets.js';
import { startAcumaticaDouble } from '../test/fakes/acumatica/server.js';

const SECONDS = Number(process.env.IDLE_SECONDS ?? 120);
const POLL = Number(process.env.IDLE_POLL_SECONDS ?? 10);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dropstream-idle-'));
  mkdirSync(join(dir, 'exchange')); // the folder adapter expects the share to exist
  const double = await startAcumaticaDouble();
  const secrets = new MemorySecretStore({ 'acumatica.sharedSecret': double.credentials.sharedSecret, 'acumatica.password': double.credentials.password });
  const settings = settingsSchema.parse({
    acumatica: { url: double.url, clientId: double.credentials.clientId, username: double.credentials.username, defaultBoxId: 'MEDIUM' },
    wms: { adapter: 'file', format: 'csv', transport: { kind: 'folder', dir: join(dir, 'exchange') } },
    app: { pollIntervalSeconds: POLL },
  });
  const store = openStore(dir);
  const gateway = createAcumaticaGateway({ settings: settings.acumatica!, secrets, clock: systemClock, logger: silentLogger });
  const adapter = createWmsAdapter(settings.wms!, { secrets, state: store.adapterState('file'), clock: systemClock, logger: silentLogger });
  const engine = createEngine({ store, acumatica: gateway, wms: adapter, settings: () => settings, clock: systemClock, logger: silentLogger });
  try {
    double.seedSalesOrders(200, { seed: 4 });
    await engine.runCycle(); // the first import; from here on nothing changes
    await engine.runCycle();
    const requestsBefore = double.requests.length;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    // Count the polls the loop really ran (each writes its start time).
    let polls = 0;
    let lastAt = store.syncState.get<string>('poll.lastAt');
    const sampler = setInterval(() => {
      const at = store.syncState.get<string>('poll.lastAt');
      if (at !== lastAt) polls++;
      lastAt = at;
    }, 100);
    engine.start();
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    clearInterval(sampler);
    await engine.stop();
    const cpu = process.cpuUsage(cpu0);
    const wallS = (performance.now() - t0) / 1000;
    const requests = double.requests.slice(requestsBefore);
    const cpuS = (cpu.user + cpu.system) / 1e6;
    const pollsRun = Math.max(1, polls);
    const perPoll = requests.length / pollsRun;
    console.log(`idle for ${wallS.toFixed(0)} s at a ${POLL} s poll: ${pollsRun} polls, ${requests.length} Acumatica requests (${perPoll.toFixed(2)} per poll; ${[...new Set(requests.map((r) => `${r.method} ${r.path.replace(/\/[0-9a-f-]{36}$/, '/{id}')}`))].join(', ')})`);
    console.log(`CPU ${cpuS.toFixed(2)} s = ${((cpuS / wallS) * 100).toFixed(2)} % of one core (upper bound: the double runs in this process)`);
    console.log(`per hour at ${POLL} s: ${Math.round(perPoll * (3600 / POLL))} requests, ${((cpuS / wallS) * 3600).toFixed(0)} CPU-seconds`);
    console.log(`per hour at the default 60 s: ${Math.round(perPoll * 60)} requests (+ token renewals), ~${((cpuS / pollsRun) * 60).toFixed(1)} CPU-seconds (${(((cpuS / pollsRun) * 60) / 36).toFixed(3)} % of one core)`);
  } finally {
    await adapter.close();
    await gateway.logout();
    store.close();
    await double.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
