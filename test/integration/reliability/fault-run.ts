// The fault-injection scenario shared by the test (hundreds of orders) and bench/fault-injection.ts (thousands):
// the real engine over a SQLite file, the real Acumatica client and the real Extensiv adapter, each talking to its
// double through a fault proxy that breaks a share of the calls. Orders open in Acumatica while it runs, the
// warehouse ships whatever it has, and the run goes on until everything is settled. Then the faults stop, failed
// orders are retried once by "the operator", and the books are checked on both sides.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAcumaticaGateway } from '../../../main/core/acumatica/client.js';
import { isFailedState } from '../../../main/core/domain/states.js';
import { silentLogger } from '../../../main/core/log/logger.js';
import { settingsSchema } from '../../../main/core/settings/schema.js';
import { openStore, type Store } from '../../../main/core/store/index.js';
import { createEngine, type Engine } from '../../../main/core/sync/engine.js';
import { createExtensivAdapter } from '../../../main/core/wms/extensiv/adapter.js';
import type { WmsAdapter } from '../../../main/core/wms/adapter.js';
import { MemorySecretStore } from '../../helpers/secrets.js';
import { startAcumaticaDouble, type AcumaticaDouble } from '../../fakes/acumatica/server.js';
import { extensivSettingsFor, startExtensivDouble, type ExtensivDouble } from '../../fakes/extensiv/index.js';
import { evenRates, startFaultProxy, type FaultKind, type FaultProxy } from '../../fakes/fault-proxy.js';
import { MINUTE, SimClock } from '../../helpers/clocks.js';

export interface FaultRunOptions {
  orders: number;
  /** Share of calls broken on each side (0.2 = 20 %). */
  share: number;
  seed: number;
  /** Cycles allowed for the faulty phase before the run is called stuck. */
  maxCycles?: number;
  progress?: (line: string) => void;
}

export interface FaultRunResult {
  orders: number;
  cyclesFaulty: number;
  cyclesAfter: number;
  /** Order states when the faulty phase settled (before any operator action). */
  settledStates: Record<string, number>;
  /** Failed/held orders of the faulty phase with their reason. */
  parked: { ref: string; state: string; reason: string }[];
  /** Failed/held orders without a reason the operator can read. */
  unexplained: string[];
  /** Final states after the faults stop and failed orders are retried. */
  finalStates: Record<string, number>;
  finalParked: { ref: string; state: string; reason: string }[];
  lost: string[];
  doubledAtWms: string[];
  doubledShipments: string[];
  wrongTracking: string[];
  /** Calls during the faulty phase. */
  calls: { acumatica: number; wms: number };
  injected: { acumatica: Record<FaultKind, number>; wms: Record<FaultKind, number> };
  faultShare: { acumatica: number; wms: number };
  wallMs: number;
}

// The clients' per-request time limit, and how long a stalled answer is held (longer, so it ends as a timeout).
const TIMEOUT_MS = 400;
const STALL_MS = 700;
const SETTLED = new Set(['done', 'send-failed', 'rejected-by-wms', 'writeback-failed', 'held', 'cancelled']);
const refOf = (so: { OrderType: string; OrderNbr: string }): string => `${so.OrderType}-${so.OrderNbr}`;

export async function runFaultScenario(opts: FaultRunOptions): Promise<FaultRunResult> {
  const started = performance.now();
  const clock = new SimClock();
  const dir = mkdtempSync(join(tmpdir(), 'dropstream-faults-'));
  const cleanups: (() => Promise<void> | void)[] = [() => rmSync(dir, { recursive: true, force: true })];
  try {
    const acu: AcumaticaDouble = await startAcumaticaDouble({ clock: () => clock.now() });
    cleanups.push(() => acu.close());
    const ext: ExtensivDouble = await startExtensivDouble({ now: () => clock.now() });
    cleanups.push(() => ext.close());
        const acuProxy: FaultProxy = await startFaultProxy({ target: acu.url, rates: evenRates(opts.share), seed: opts.seed, stallMs: STALL_MS });
    cleanups.push(() => acuProxy.close());
    const extProxy: FaultProxy = await startFaultProxy({ target: ext.url, rates: evenRates(opts.share), seed: opts.seed + 1, stallMs: STALL_MS });
    cleanups.push(() => extProxy.close());

    const secrets = new MemorySecretStore({
      'acumatica.sharedSecret': acu.credentials.sharedSecret,
      'acumatica.password': acu.credentials.password,
      'wms.extensiv.clientSecret': ext.credentials.clientSecret,
    });
    const wmsSettings = { ...extensivSettingsFor(ext, { routing: { '*': { carrier: 'UPS', mode: 'Ground', scac: 'UPSN' } } }), baseUrl: extProxy.url };
    const settings = settingsSchema.parse({
      acumatica: { url: acuProxy.url, clientId: acu.credentials.clientId, username: acu.credentials.username, requestsPerMinute: 6000, maxConcurrent: 4, defaultBoxId: 'MEDIUM' },
      wms: wmsSettings,
      app: { pollIntervalSeconds: 60, maxAttempts: 50 },
    });
    const gateway = createAcumaticaGateway({
      settings: settings.acumatica!,
      secrets,
      clock,
      logger: silentLogger,
      random: () => 0.5,
      tuning: { timeoutMs: TIMEOUT_MS, retryBaseMs: 10, retryMaxMs: 50, actionPollMs: 10, inlineRetries: 1 },
    });
    let store: Store = openStore(dir);
    let adapter: WmsAdapter = createExtensivAdapter(wmsSettings, { secrets, state: store.adapterState('extensiv'), clock, logger: silentLogger }, { timeoutMs: TIMEOUT_MS });
    let engine: Engine = createEngine({ store, acumatica: gateway, wms: adapter, settings: () => settings, clock, logger: silentLogger, random: () => 0.5 });
    cleanups.push(async () => {
      await engine.stop();
      await adapter.close();
      store.close();
    });

    // Half the orders are open before the first poll, the rest open while the app runs (a few per poll).
    const opened: string[] = [];
    const openSome = (n: number): void => {
      for (let i = 0; i < n; i++) opened.push(refOf(acu.addSalesOrder({ Details: [{ InventoryID: 'WIDGET-BLUE', OrderQty: 1 + (opened.length % 3), OpenQty: 1 + (opened.length % 3), LineType: 'Goods for Inventory' }] })));
    };
    openSome(Math.ceil(opts.orders / 2));
    const perCycle = Math.max(1, Math.ceil(opts.orders / 20));

    // The warehouse ships every open order it holds, one package each, tracking = "1Z" + the reference.
    const shipEverything = (): void => {
      for (const o of ext.orders()) {
        if (o.readOnly.isClosed) continue;
        const contents: Record<string, number> = {};
        for (const item of o.orderItems) contents[item.itemIdentifier.sku] = (contents[item.itemIdentifier.sku] ?? 0) + item.qty;
        ext.shipOrder(o.readOnly.orderId, { packages: [{ tracking: trackingFor(o.referenceNum), contents }] });
      }
    };

    const settled = (): boolean => opened.length >= opts.orders && opened.every((ref) => SETTLED.has(store.orders.get(ref)?.state ?? 'missing'));

    let cyclesFaulty = 0;
    const maxCycles = opts.maxCycles ?? 400;
    while (cyclesFaulty < maxCycles) {
      if (opened.length < opts.orders) openSome(Math.min(perCycle, opts.orders - opened.length));
      await engine.runCycle();
      shipEverything();
      cyclesFaulty++;
      clock.advance(settings.app.pollIntervalSeconds * 1000);
      // Every 25 cycles the process restarts (state only from the SQLite file).
      if (cyclesFaulty % 25 === 0) {
        await engine.stop();
        await adapter.close();
        store.close();
        store = openStore(dir);
        adapter = createExtensivAdapter(wmsSettings, { secrets, state: store.adapterState('extensiv'), clock, logger: silentLogger }, { timeoutMs: TIMEOUT_MS });
        engine = createEngine({ store, acumatica: gateway, wms: adapter, settings: () => settings, clock, logger: silentLogger, random: () => 0.5 });
      }
      if (cyclesFaulty % 20 === 0) opts.progress?.(`cycle ${cyclesFaulty}: ${JSON.stringify(store.orders.counts())}`);
      if (settled() && store.jobs.nextDueAt(['send-order', 'cancel-order', 'writeback']) === null) break;
    }
    const settledStates = store.orders.counts();
    const parkedNow = (): FaultRunResult['parked'] =>
      opened
        .map((ref) => store.orders.get(ref))
        .filter((r) => r !== undefined && (isFailedState(r.state) || r.state === 'held'))
        .map((r) => ({ ref: r!.ref, state: r!.state, reason: [r!.lastError?.message, r!.lastError?.serverMessage, r!.attention].filter(Boolean).join(' / ') }));
    const parked = parkedNow();
    const unexplained = parked.filter((p) => p.reason.trim() === '').map((p) => p.ref);

    const faultyCalls = { acumatica: acuProxy.log.length, wms: extProxy.log.length };
    const faultShare = { acumatica: acuProxy.faultShare(), wms: extProxy.faultShare() };
    const injected = { acumatica: { ...acuProxy.injected }, wms: { ...extProxy.injected } };
    // The faults stop; the operator presses "retry all failed" once; the app runs on until quiet.
    acuProxy.setRates({});
    extProxy.setRates({});
    engine.retryAllFailed();
    let cyclesAfter = 0;
    while (cyclesAfter < 60) {
      await engine.runCycle();
      cyclesAfter++;
      shipEverything();
      clock.advance(15 * MINUTE);
      if (opened.every((ref) => store.orders.get(ref)?.state === 'done') && store.jobs.nextDueAt(['send-order', 'cancel-order', 'writeback']) === null) break;
    }

    const lost = opened.filter((ref) => !store.orders.get(ref));
    const doubledAtWms = opened.filter((ref) => ext.ordersWithRef(ref).length > 1);
    const shipments = acu.shipments();
    const doubledShipments: string[] = [];
    const wrongTracking: string[] = [];
    for (const ref of opened) {
      const [type, nbr] = ref.split('-') as [string, string];
      const mine = shipments.filter((s) => s.Details.some((d) => d.OrderType === type && d.OrderNbr === nbr));
      if (mine.length > 1) doubledShipments.push(ref);
      if (mine.length === 1 && !mine[0]!.Packages.some((p) => p.TrackingNbr === trackingFor(ref))) wrongTracking.push(ref);
    }
    return {
      orders: opened.length,
      cyclesFaulty,
      cyclesAfter,
      settledStates,
      parked,
      unexplained,
      finalStates: store.orders.counts(),
      finalParked: parkedNow(),
      lost,
      doubledAtWms,
      doubledShipments,
      wrongTracking,
      calls: faultyCalls,
      injected,
      faultShare,
      wallMs: performance.now() - started,
    };
  } finally {
    for (const c of cleanups.reverse()) await c();
  }
}

function trackingFor(ref: string): string {
  return `1Z${ref.replace(/[^A-Za-z0-9]/g, '')}`;
}
