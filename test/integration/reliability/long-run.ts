// The long-run scenario shared by the test (60 days at a 15-minute poll) and bench/long-run.ts (60 days at the
// default 1-minute poll): the real engine and Acumatica client over a SQLite file, all on a simulated clock, with the
// real rotating file logger at debug level. Access tokens live an hour, refresh tokens rotate on every use and die 30
// days after their sign-in, the shared secret lapses on day 45 and a new one is saved a day later. Orders open every
// day and the warehouse ships each one the day after it arrives.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAcumaticaGateway } from '../../../main/core/acumatica/client.js';
import { createFileLogger } from '../../../main/core/log/file-logger.js';
import { redactor } from '../../../main/core/log/redact.js';
import { DATABASE_FILE, openStore } from '../../../main/core/store/index.js';
import { createEngine } from '../../../main/core/sync/engine.js';
import { MemorySecretStore } from '../../helpers/secrets.js';
import { startAcumaticaDouble } from '../../fakes/acumatica/server.js';
import { createMemoryWms, memorySettings } from '../../fakes/memory-wms.js';
import { DAY, MINUTE, SimClock } from '../../helpers/clocks.js';

export interface LongRunOptions {
  days: number;
  pollMinutes: number;
  ordersPerDay: number;
  secretLapseDay: number;
  /** How long the lapse lasts before the user saves a new secret. */
  lapseDays: number;
  logMaxFileSize: string;
  logMaxFiles: number;
  /** Idle polls run at the end to see whether the database grows with polls. */
  idlePolls: number;
  progress?: (line: string) => void;
}

export interface LongRunResult {
  polls: number;
  orders: number;
  states: Record<string, number>;
  lost: string[];
  doubledAtWms: string[];
  doubledShipments: string[];
  grants: { password: number; refresh: number; rejected: number; expiredRefresh: number };
  /** During the lapse: what the app showed, whether anything failed, and imports while it showed the refusal. */
  lapse: { state: string; credential: string | undefined; failedDuring: number; importedDuring: number; openedDuring: number; pollsDuring: number };
  log: { files: number; bytesOnDisk: number; boundBytes: number };
  db: { bytesAfterRun: number; bytesAfterIdle: number; bytesPerOrder: number; idlePolls: number };
  acumaticaRequests: number;
  wallMs: number;
}

const refOf = (so: { OrderType: string; OrderNbr: string }): string => `${so.OrderType}-${so.OrderNbr}`;

function dirBytes(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const name of readdirSync(dir)) {
    files++;
    bytes += statSync(join(dir, name)).size;
  }
  return { files, bytes };
}

function sizeOf(text: string): number {
  const m = /^(\d+)([KMG]?)$/.exec(text);
  if (!m) throw new Error(`size ${text}`);
  return Number(m[1]) * ({ '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[m[2] as '' | 'K' | 'M' | 'G'] ?? 1);
}

export async function runLongScenario(opts: LongRunOptions): Promise<LongRunResult> {
  const started = performance.now();
  const clock = new SimClock();
  const start = clock.now();
  const dir = mkdtempSync(join(tmpdir(), 'dropstream-longrun-'));
  const logDir = join(dir, 'logs');
  const double = await startAcumaticaDouble({ clock: () => clock.now(), tokenLifetimeSeconds: 3600, refreshTokenLifetimeSeconds: 30 * 24 * 3600 });
  const logger = createFileLogger({ dir: logDir, level: 'debug', redactor, clock, maxFileSize: opts.logMaxFileSize, maxFiles: opts.logMaxFiles });
  const store = openStore(dir);
  try {
    const secrets = new MemorySecretStore({ 'acumatica.sharedSecret': double.credentials.sharedSecret, 'acumatica.password': double.credentials.password });
    const settings = memorySettings({
      acumatica: { url: double.url, clientId: double.credentials.clientId, username: double.credentials.username, requestsPerMinute: 6000, maxConcurrent: 4, defaultBoxId: 'MEDIUM' },
      wms: { adapter: 'memory' },
      app: { pollIntervalSeconds: opts.pollMinutes * 60, maxAttempts: 50 },
    });
    const gateway = createAcumaticaGateway({ settings: settings.acumatica!, secrets, clock, logger, random: () => 0.5, tuning: { retryBaseMs: 10, retryMaxMs: 50, actionPollMs: 10, inlineRetries: 1 } });
    const wms = createMemoryWms();
    const engine = createEngine({ store, acumatica: gateway, wms, settings: () => settings, clock, logger, random: () => 0.5 });

    const opened: string[] = [];
    const arrivedAt = new Map<string, number>();
    const shipped = new Set<string>();
    const pollsPerDay = Math.round(DAY / (opts.pollMinutes * MINUTE));
    const lapse = { state: '', credential: undefined as string | undefined, failedDuring: 0, importedDuring: 0, openedDuring: 0, pollsDuring: 0 };
    const lapseStart = start + opts.secretLapseDay * DAY;
    const lapseEnd = lapseStart + opts.lapseDays * DAY;
    let lapsed = false;
    let renewed = false;
    let polls = 0;

    while (clock.now() < start + opts.days * DAY) {
      const now = clock.now();
      const poll = polls % pollsPerDay;
      // Orders open spread over the working day.
      const every = Math.max(1, Math.floor(pollsPerDay / opts.ordersPerDay));
      if (poll % every === 0 && poll / every < opts.ordersPerDay) {
        const so = double.addSalesOrder();
        opened.push(refOf(so));
        if (lapsed && !renewed) lapse.openedDuring++;
      }
      if (!lapsed && now >= lapseStart) {
        lapsed = true;
        double.expireSharedSecret();
      }
      if (lapsed && !renewed && now >= lapseEnd) {
        renewed = true;
        double.rotateSharedSecret('renewed-secret-after-lapse-2025');
        await secrets.set('acumatica.sharedSecret', 'renewed-secret-after-lapse-2025');
        gateway.credentialsChanged();
      }
      const before = store.orders.counts();
      await engine.runCycle();
      polls++;
      if (lapsed && !renewed) {
        // The access token issued before the lapse keeps working for up to an hour; the pause starts at the first
        // refused grant, and from then on nothing may be imported.
        const conn = gateway.connection();
        const after = store.orders.counts();
        lapse.failedDuring = Math.max(lapse.failedDuring, after.failed ?? 0);
        if (conn.state === 'credentials-rejected') {
          lapse.pollsDuring++;
          const total = (c: Record<string, number>): number => Object.values(c).reduce((a, b) => a + b, 0);
          lapse.importedDuring += Math.max(0, total(after) - total(before));
          lapse.state = conn.state;
          lapse.credential = (conn as { credential?: string }).credential;
        }
      }
      // The warehouse ships what it has held for a day.
      for (const ref of wms.orders.keys()) {
        if (!arrivedAt.has(ref)) arrivedAt.set(ref, now);
        if (!shipped.has(ref) && now - arrivedAt.get(ref)! >= DAY) {
          wms.shipAll(ref, `1Z${ref.replace(/[^A-Za-z0-9]/g, '')}`);
          shipped.add(ref);
        }
      }
      clock.advance(opts.pollMinutes * MINUTE);
      if (polls % (pollsPerDay * 10) === 0) opts.progress?.(`day ${Math.round((clock.now() - start) / DAY)}: ${JSON.stringify(store.orders.counts())}, grants ${JSON.stringify(double.grants())}`);
    }
    // Let the last day's orders ship and be written back.
    for (let i = 0; i < 3 * pollsPerDay && opened.some((r) => store.orders.get(r)?.state !== 'done'); i++) {
      for (const ref of wms.orders.keys()) {
        if (!shipped.has(ref)) {
          wms.shipAll(ref, `1Z${ref.replace(/[^A-Za-z0-9]/g, '')}`);
          shipped.add(ref);
        }
      }
      await engine.runCycle();
      polls++;
      clock.advance(opts.pollMinutes * MINUTE);
    }

    const dbFile = join(dir, DATABASE_FILE);
    const dbBytes = (): number => {
      store.db.pragma('wal_checkpoint(TRUNCATE)');
      return statSync(dbFile).size;
    };
    const bytesAfterRun = dbBytes();
    for (let i = 0; i < opts.idlePolls; i++) {
      await engine.runCycle();
      clock.advance(opts.pollMinutes * MINUTE);
    }
    const bytesAfterIdle = dbBytes();
    await engine.stop();
    await gateway.logout();
    await logger.close();

    const shipments = double.shipments();
    const logs = dirBytes(logDir);
    return {
      polls,
      orders: opened.length,
      states: store.orders.counts(),
      lost: opened.filter((r) => !store.orders.get(r)),
      doubledAtWms: opened.filter((r) => wms.received.filter((x) => x.ref === r && x.action === 'new').length > 1),
      doubledShipments: opened.filter((r) => shipments.filter((s) => s.Details.some((d) => `${d.OrderType}-${d.OrderNbr}` === r)).length > 1),
      grants: double.grants(),
      lapse,
      log: { files: logs.files, bytesOnDisk: logs.bytes, boundBytes: (opts.logMaxFiles + 1) * sizeOf(opts.logMaxFileSize) },
      db: { bytesAfterRun, bytesAfterIdle, bytesPerOrder: Math.round(bytesAfterRun / Math.max(1, opened.length)), idlePolls: opts.idlePolls },
      acumaticaRequests: double.requests.length,
      wallMs: performance.now() - started,
    };
  } finally {
    store.close();
    await double.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
