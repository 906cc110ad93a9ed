// What the file warehouse was given: every order file the engine wrote (still in in/ or already taken into
// wms-processed/ by the test warehouse), read back as (file, order_ref, action). Shared by the CLI e2e tests.
import { parse } from 'csv-parse/sync';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AcumaticaDouble } from '../fakes/acumatica/index.js';

export interface OrderFile { file: string; orderRef: string; action: string }

export function orderFiles(root: string): OrderFile[] {
  const out: OrderFile[] = [];
  for (const folder of ['in', 'wms-processed']) {
    const dir = join(root, folder);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((n) => /^ord_.*\.csv$/.test(n)).sort()) {
      const rows: Record<string, string>[] = parse(readFileSync(join(dir, file)), { columns: true, bom: true });
      const first = rows[0];
      if (first) out.push({ file, orderRef: first.order_ref ?? '', action: first.action ?? '' });
    }
  }
  return out;
}

/** order_ref -> number of distinct order files with action new (more than one is a duplicate WMS order). */
export function newOrdersPerRef(root: string): Map<string, number> {
  const perRef = new Map<string, Set<string>>();
  for (const f of orderFiles(root).filter((x) => x.action === 'new')) {
    const files = perRef.get(f.orderRef) ?? new Set<string>();
    files.add(f.file);
    perRef.set(f.orderRef, files);
  }
  return new Map([...perRef].map(([ref, files]) => [ref, files.size]));
}

/** Tracking numbers posted in the double, with how often each appears across all Shipments' packages. */
export function trackingCounts(double: AcumaticaDouble): Map<string, number> {
  const counts = new Map<string, number>();
  for (const s of double.shipments()) for (const p of s.Packages) counts.set(p.TrackingNbr, (counts.get(p.TrackingNbr) ?? 0) + 1);
  return counts;
}

/** The JSON shapes of `orders --json` and `status --json` (version 1). */
export interface OrdersJson {
  version: 1;
  total: number;
  orders: { reference: string; acumaticaKey: { kind: string; orderType?: string; orderNbr?: string; shipmentNbr?: string }; state: string; lastError: { message: string; serverMessage?: string; kind: string } | null; attention: string | null; wmsReference: string | null; shipmentNbrs: string[] }[];
}

export interface StatusJson {
  version: 1;
  acumatica: { state: string; message: string };
  wms: { state: string; message: string };
  counts: Record<string, number>;
  paused: boolean;
  lastPollAt: string | null;
  lastSuccessfulPollAt: string | null;
  nextPollAt: string | null;
  warnings: string[];
}

export const refOf = (so: { OrderType: string; OrderNbr: string }): string => `${so.OrderType}-${so.OrderNbr}`;
