// Round trips through the real engine with a real WMS adapter: a SQLite file in a temp folder, the real Acumatica
// client against the Acumatica double, and the adapter built exactly as the app builds it (createWmsAdapter with
// the store's durable adapter state). Unlike engine-harness.ts the adapter is rebuilt on restart(), because its
// state lives in the store that a restart closes and reopens.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { AcumaticaGateway } from '../../main/core/acumatica/gateway.js';
import { systemClock } from '../../main/core/clock.js';
import type { OrderState } from '../../main/core/domain/index.js';
import { silentLogger } from '../../main/core/log/logger.js';
import type { Settings } from '../../main/core/settings/schema.js';
import { openStore, type Store } from '../../main/core/store/index.js';
import { createEngine, type CycleReport, type Engine } from '../../main/core/sync/engine.js';
import type { WmsAdapter } from '../../main/core/wms/adapter.js';
import { createWmsAdapter } from '../../main/core/wms/index.js';
import type { MemorySecretStore } from './secrets.js';
import type { AcumaticaDouble } from '../fakes/acumatica/server.js';
import { startAcumaticaTestbed, type TestbedOptions } from './acumatica-testbed.js';

/** The WMS settings as they would be saved (adapter, transport, format …), and Acumatica/double/secret extras. */
export type RoundTripOptions = TestbedOptions;

export interface RoundTrip {
  dir: string;
  double: AcumaticaDouble;
  secrets: MemorySecretStore;
  settings: Settings;
  store: Store;
  gateway: AcumaticaGateway;
  engine: Engine;
  adapter: WmsAdapter;
  /** Runs one cycle and fails the test on a side-wide error (use engine.runCycle() when one is expected). */
  cycle(): Promise<CycleReport>;
  /** Closes engine, adapter and store and opens them again on the same data folder (a process restart). */
  restart(): Promise<Engine>;
  /** The order's state in the store (throws when it was never imported). */
  stateOf(ref: string): OrderState;
}

export function useRoundTrip(): (opts: RoundTripOptions) => Promise<RoundTrip> {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  return async (opts) => {
    const dir = mkdtempSync(join(tmpdir(), 'dropstream-roundtrip-'));
    const { double, secrets, settings, gateway } = await startAcumaticaTestbed(opts);
    const wmsSettings = settings.wms!;
    const build = (store: Store) => {
      const adapter = createWmsAdapter(wmsSettings, { secrets, state: store.adapterState(wmsSettings.adapter), clock: systemClock, logger: silentLogger });
      const engine = createEngine({ store, acumatica: gateway, wms: adapter, settings: () => settings, clock: systemClock, logger: silentLogger, random: () => 0 });
      return { adapter, engine };
    };
    const store = openStore(dir);
    const first = build(store);
    const rt: RoundTrip = {
      dir,
      double,
      secrets,
      settings,
      store,
      gateway,
      engine: first.engine,
      adapter: first.adapter,
      async cycle() {
        const report = await rt.engine.runCycle();
        if (report.errors.length > 0) throw new Error(`cycle errors: ${JSON.stringify(report.errors)}`);
        return report;
      },
      async restart() {
        await rt.engine.stop();
        await rt.adapter.close();
        rt.store.close();
        rt.store = openStore(dir);
        const next = build(rt.store);
        rt.engine = next.engine;
        rt.adapter = next.adapter;
        return rt.engine;
      },
      stateOf(ref) {
        const rec = rt.store.orders.get(ref);
        if (!rec) throw new Error(`order ${ref} is not in the store`);
        return rec.state;
      },
    };
    cleanups.push(async () => {
      await rt.engine.stop();
      await rt.adapter.close().catch(() => undefined);
      rt.store.close();
      await double.close();
      rmSync(dir, { recursive: true, force: true });
    });
    return rt;
  };
}

export { makeJobsDue } from './engine-harness.js';

/** `<OrderType>-<OrderNbr>`, the order reference in sales-order mode. */
export const refOf = (so: { OrderType: string; OrderNbr: string }): string => `${so.OrderType}-${so.OrderNbr}`;

/**
 * Text an Acumatica record can hold that breaks naive exchange code (issue #15 "Done when"): line breaks (LF, CRLF,
 * CR), quotes and commas, a leading + - = @ (spreadsheet formula starts), right-to-left text, emoji (astral code
 * points and ZWJ sequences) and a 255-character value (the length of Acumatica's Description/Attention fields).
 * No leading or trailing blanks: the import trims those by design.
 */
export const AWKWARD = {
  lineBreaks: 'Multi\nLine Attn\rSecond',
  quotesCommas: 'Acme, Inc. "The Best", Ltd.',
  plus: '+1 (206) 555-0100',
  minus: '-5 Main St',
  equals: '=SUM(A1:A9)',
  at: '@home',
  rtl: 'שלום עולם مرحبا بالعالم',
  emoji: 'Box 📦 🚚 👩‍👩‍👧 🇺🇸',
  long255: `${'Long, "quoted"\nvalue ✓ '.repeat(12)}\r\n`.padEnd(255, 'x').slice(0, 255),
} as const;

/** A sales order (for AcumaticaDouble.addSalesOrder) whose text fields hold every AWKWARD value. */
export function awkwardSalesOrder() {
  return {
    CustomerOrder: AWKWARD.equals,
    Description: AWKWARD.long255,
    ShipToContact: { Attention: AWKWARD.lineBreaks, BusinessName: AWKWARD.quotesCommas, Phone1: AWKWARD.plus, Email: AWKWARD.at },
    ShipToAddress: { AddressLine1: AWKWARD.minus, AddressLine2: AWKWARD.rtl, City: AWKWARD.emoji, State: 'WA', PostalCode: '98101', Country: 'US' },
    Details: [{ InventoryID: 'WIDGET-BLUE', LineDescription: `${AWKWARD.quotesCommas}\n${AWKWARD.rtl} ${AWKWARD.emoji}`, OrderQty: 2, OpenQty: 2, LineType: 'Goods for Inventory' }],
  };
}
