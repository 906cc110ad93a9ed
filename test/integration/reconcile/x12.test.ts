// Reconciliation with the X12 format of the file exchange: archived 945s are parsed again (read-only: no 997 is
// written, no control number drawn), so a clean history agrees and a 945 not yet collected is "shipped, not written
// back".
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { X12Warehouse } from '../../fakes/x12-warehouse.js';
import { found, plantOrder, reconcile } from '../../helpers/reconcile.js';
import { useRoundTrip } from '../../helpers/roundtrip.js';
import { useTempDir } from '../../helpers/tmp.js';

const setup = useRoundTrip();
const tempDir = useTempDir('ds-rec-x12-');

describe('reconciliation: file exchange in X12', () => {
  it('a clean partial, multi-carton history agrees; an uncollected 945 is found; nothing is written', async () => {
    const root = tempDir();
    const rt = await setup({
      wms: {
        adapter: 'file',
        format: 'x12',
        transport: { kind: 'folder', dir: root },
        stableForMs: 0,
        x12: { sender: 'ZZ:ACMEERP', receiver: 'ZZ:WHSE3PL', usage: 'P', tracking: 'MAN:CP', newlineAfterSegment: true },
      },
    });
    const refs = [1, 2, 3].map((q) => plantOrder(rt.double, q * 2));
    await rt.cycle();
    const warehouse = new X12Warehouse({ root, partial: true, multiBox: true, tracking: 'MAN:CP' });
    await warehouse.run();
    await rt.cycle();
    await warehouse.run();
    await rt.cycle();
    expect(refs.map((r) => rt.stateOf(r))).toEqual(['done', 'done', 'done']);

    const late = plantOrder(rt.double, 1);
    await rt.cycle();
    await warehouse.run();
    const inBefore = readdirSync(join(root, 'in')).sort();
    const state = (): unknown[] => [...rt.store.db.prepare('SELECT * FROM adapter_state ORDER BY namespace, key').all(), ...rt.store.db.prepare('SELECT * FROM sequences ORDER BY name').all()];
    const before = state();

    const report = await reconcile(rt);
    expect(found(report)).toEqual([`${late} shipped-not-written-back`]);
    expect(readdirSync(join(root, 'in')).sort()).toEqual(inBefore);
    expect(state()).toEqual(before);
  });
});
