// The test warehouse against the X12 format, through a real temp folder: 940 in, 997 + 945 out, our 997 back.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Fulfillment, Order } from '../../../main/core/domain/index.js';
import { createX12Format } from '../../../main/core/wms/file-exchange/x12/format.js';
import { X12Warehouse, type X12WarehouseOptions } from '../../fakes/x12-warehouse.js';
import { MemoryState, ctxOf, lookupOf, profileOf, sampleOrder } from './helpers.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'x12wh-'));
  await mkdir(join(root, 'in'));
  await mkdir(join(root, 'out'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function roundTrip(options: Partial<X12WarehouseOptions>, profileOverrides: Record<string, unknown> = {}, orders: Order[] = [sampleOrder()]) {
  const state = new MemoryState();
  const format = createX12Format(profileOf({ usage: 'P', ...profileOverrides }));
  for (const o of orders) {
    const f = format.renderOrder(o, 'new', 1, ctxOf(state));
    await writeFile(join(root, 'in', f.name), f.content);
  }
  const warehouse = new X12Warehouse({ root, ...options });
  const shipped: Record<string, Record<string, number>> = {};
  const fulfillments: Fulfillment[] = [];
  const rejected: { orderRef: string; reason: string }[] = [];
  const consume = async () => {
    for (const name of (await readdir(join(root, 'out'))).filter((n) => format.accepts(n)).sort()) {
      const parsed = format.parseInbound(name, await readFile(join(root, 'out', name)), lookupOf(orders, shipped), ctxOf(state));
      expect(parsed.errors, name).toEqual([]);
      for (const f of parsed.fulfillments) {
        fulfillments.push(f);
        for (const l of f.lines) (shipped[f.orderRef] ??= {})[l.lineRef] = (shipped[f.orderRef]?.[l.lineRef] ?? 0) + l.quantity;
      }
      rejected.push(...parsed.rejectedOrders);
      for (const r of parsed.replies) await writeFile(join(root, 'in', r.name), r.content);
      await rm(join(root, 'out', name));
    }
  };
  return { warehouse, consume, fulfillments, rejected };
}

describe('X12 test warehouse', () => {
  test('answers a 940 with a 997 and a 945; our 997 for the 945 reaches the warehouse', async () => {
    const t = await roundTrip({});
    const run = await t.warehouse.run();
    expect(run.received).toEqual([expect.objectContaining({ kind: '940', orderRef: 'SO-100045', purpose: 'N' })]);
    expect(run.written.map((w) => w.kind)).toEqual(['997', '945']);
    await t.consume();
    expect(t.rejected).toEqual([]);
    expect(t.fulfillments).toHaveLength(1);
    expect(t.fulfillments[0]!.lines.map((l) => [l.lineRef, l.quantity])).toEqual([['1', 2], ['2', 1], ['3', 3]]);
    expect(t.fulfillments[0]!.packages.map((p) => p.trackingNumber)).toEqual(['1ZTEST00000001']);
    const next = await t.warehouse.receive();
    expect(next.received).toEqual([expect.objectContaining({ kind: '997', acknowledges: { group: '901', statuses: ['A'] } })]);
  });

  test.each(['MAN:CP', 'MAN:ZZ', 'MAN:CN', 'N9:2I'] as const)('partial, multi-box shipments with tracking in %s', async (tracking) => {
    const t = await roundTrip({ partial: true, multiBox: true, tracking }, { tracking });
    await t.warehouse.run();
    await t.consume();
    await t.warehouse.run();
    await t.consume();
    expect(t.fulfillments).toHaveLength(2);
    expect(t.fulfillments.map((f) => f.packages.length)).toEqual([3, 2]);
    expect(t.fulfillments.flatMap((f) => f.packages.map((p) => p.trackingNumber))).toEqual(['1ZTEST00000001', '1ZTEST00000002', '1ZTEST00000003', '1ZTEST00000004', '1ZTEST00000005']);
    const total: Record<string, number> = {};
    for (const l of t.fulfillments.flatMap((f) => f.lines)) total[l.lineRef] = (total[l.lineRef] ?? 0) + l.quantity;
    expect(total).toEqual({ '1': 2, '2': 1, '3': 3 });
  });

  test('a rejected 940 comes back as a failed order with the reason', async () => {
    const t = await roundTrip({ reject: (ref) => (ref === 'SO-2' ? 'SKU UNKNOWN' : null) }, {}, [sampleOrder(), sampleOrder({ ref: 'SO-2' })]);
    await t.warehouse.run();
    await t.consume();
    expect(t.rejected).toEqual([{ orderRef: 'SO-2', reason: expect.stringContaining('invalid code value "SKU UNKNOWN"') }]);
    expect(t.fulfillments.map((f) => f.orderRef)).toEqual(['SO-100045']);
  });
});
