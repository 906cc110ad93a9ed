// Round trip through the engine, CSV over SFTP to a real OpenSSH server on 127.0.0.1: the main flow, and an outage
// (server stopped) during which orders wait as awaiting-wms with a retry time, then drain once it is back.
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinnedSftpHostKey } from '../../../main/core/wms/file-exchange/transport/sftp.js';
import { FileWarehouse } from '../../fakes/file-warehouse.js';
import { startSshd, type SshdServer } from '../../fakes/sftp/sshd.js';
import { AWKWARD, awkwardSalesOrder, refOf, useRoundTrip, type RoundTrip } from '../../helpers/roundtrip.js';

const setup = useRoundTrip();
let server: SshdServer;
let n = 0;

beforeAll(async () => {
  server = await startSshd();
});
afterAll(async () => {
  await server?.dispose();
});

async function sftpTrip(): Promise<{ rt: RoundTrip; root: string }> {
  const root = join(server.root, `trip-${++n}`);
  mkdirSync(root);
  const rt = await setup({
    wms: {
      adapter: 'file',
      format: 'csv',
      transport: { kind: 'sftp', host: server.host, port: server.port, username: server.username, root, auth: 'key' },
      stableForMs: 0,
    },
    secrets: { 'wms.sftp.privateKey': server.clientPrivateKey },
  });
  return { rt, root };
}

const csvIn = (root: string): string[] => readdirSync(join(root, 'in')).filter((f) => f.endsWith('.csv')).sort();

describe('round trip: CSV over SFTP (real sshd)', () => {
  it('orders go out as files on the server and partial, multi-box confirmations come back as Shipments', async () => {
    const { rt, root } = await sftpTrip();
    const so = rt.double.addSalesOrder({
      Details: [
        { InventoryID: 'WIDGET-BLUE', OrderQty: 3, OpenQty: 3, LineType: 'Goods for Inventory' },
        { InventoryID: 'GADGET-RED', OrderQty: 2, OpenQty: 2, LineType: 'Goods for Inventory' },
      ],
    });
    const ref = refOf(so);
    await rt.cycle();
    expect(csvIn(root)).toEqual([expect.stringMatching(new RegExp(`^ord_${ref}_\\d{14}\\.csv$`))]);
    expect(rt.stateOf(ref)).toBe('at-wms');
    // The host key was pinned in the store on first connect.
    expect(pinnedSftpHostKey(rt.store.adapterState('file'), server)).toBe(server.hostFingerprint);

    const warehouse = new FileWarehouse({ root, partial: true, multiBox: true });
    const first = await warehouse.run();
    expect(first.written[0]!.boxes).toBe(2);
    await rt.cycle();
    expect(rt.double.shipments()).toHaveLength(1);
    expect(rt.double.shipments()[0]!.Packages.map((p) => p.TrackingNbr).sort()).toEqual([...first.written[0]!.trackingNumbers].sort());
    expect(rt.stateOf(ref)).toBe('at-wms');

    const second = await warehouse.run();
    await rt.cycle();
    const shipments = rt.double.shipments();
    expect(shipments).toHaveLength(2);
    expect(shipments.flatMap((s) => s.Packages.map((p) => p.TrackingNbr)).sort()).toEqual([...first.written[0]!.trackingNumbers, ...second.written[0]!.trackingNumbers].sort());
    expect(shipments.map((s) => s.Details.reduce((q, d) => q + d.ShippedQty, 0)).sort()).toEqual([2, 3]);
    expect(rt.stateOf(ref)).toBe('done');
    expect(readdirSync(join(root, 'out', 'archive')).sort()).toEqual([first.written[0]!.file, second.written[0]!.file].sort());

    await rt.cycle();
    expect(rt.double.shipments()).toHaveLength(2);
  });

  it('server down: orders wait as awaiting-wms with a retry time, then drain once it is back, without duplicates', async () => {
    const { rt, root } = await sftpTrip();
    // Connect once while up, so the host key is pinned and the adapter holds a live session that then drops.
    rt.double.addSalesOrder();
    await rt.cycle();
    expect(csvIn(root)).toHaveLength(1);

    await server.stop();
    try {
      const orders = [rt.double.addSalesOrder(), rt.double.addSalesOrder(), rt.double.addSalesOrder()];
      const down = await rt.engine.runCycle();
      expect(down.errors.some((e) => e.side === 'wms' && e.error.kind === 'transient')).toBe(true);
      for (const so of orders) expect(rt.stateOf(refOf(so))).toBe('awaiting-wms');
      const waiting = orders.map((so) => rt.store.orders.get(refOf(so))!);
      const retryAt = waiting.map((o) => o.lastError?.retryAt).filter((t): t is string => typeof t === 'string');
      expect(retryAt.length).toBeGreaterThan(0);
      expect(rt.store.syncState.get<{ state: string; retryAt?: string }>('status.wms')).toMatchObject({ state: 'retrying' });
      expect(csvIn(root)).toHaveLength(1);

      await server.start();
      // No restart: the same engine and adapter reconnect once the retry time has passed.
      const latest = Math.max(...retryAt.map((t) => Date.parse(t)));
      await new Promise((r) => setTimeout(r, Math.max(0, latest - Date.now()) + 50));
      const back = await rt.engine.runCycle();
      expect(back.errors).toEqual([]);
      for (const so of orders) expect(rt.stateOf(refOf(so))).toBe('at-wms');
      const sent = csvIn(root);
      expect(sent).toHaveLength(4);
      for (const so of orders) expect(sent.filter((f) => f.startsWith(`ord_${refOf(so)}_`))).toHaveLength(1);
      expect(rt.store.syncState.get<{ state: string }>('status.wms')).toMatchObject({ state: 'connected' });

      // And the drained orders complete the round trip.
      await new FileWarehouse({ root }).run();
      await rt.cycle();
      expect(rt.double.shipments()).toHaveLength(4);
      for (const so of orders) expect(rt.stateOf(refOf(so))).toBe('done');
    } finally {
      await server.start().catch(() => undefined);
    }
  });

  it('awkward values (line breaks, quotes, commas, + - = @, RTL, emoji, 255 chars) reach the warehouse and come back byte-identical', async () => {
    const { rt, root } = await sftpTrip();
    const so = rt.double.addSalesOrder(awkwardSalesOrder());
    const ref = refOf(so);
    await rt.cycle();
    const box = `${AWKWARD.at} ${AWKWARD.quotesCommas}\r\n${AWKWARD.rtl} ${AWKWARD.emoji} #`;
    const warehouse = new FileWarehouse({ root, boxPrefix: box });
    await warehouse.run();
    expect(warehouse.receivedRows).toHaveLength(1);
    expect(warehouse.receivedRows[0]).toMatchObject({
      order_ref: ref, customer_po: AWKWARD.equals, notes: AWKWARD.long255, ship_to_name: AWKWARD.lineBreaks, ship_to_company: AWKWARD.quotesCommas,
      ship_to_phone: AWKWARD.plus, ship_to_email: AWKWARD.at, ship_to_address1: AWKWARD.minus, ship_to_address2: AWKWARD.rtl, ship_to_city: AWKWARD.emoji,
    });
    await rt.cycle();
    expect(rt.double.shipments().flatMap((s) => s.Packages.map((p) => p.Description))).toEqual([`${box}1`]);
    expect(rt.stateOf(ref)).toBe('done');
  });
});
