// `dropstream reconcile` as a person and a script use it: exit 0 and "All three agree" on a clean history, exit 4
// with one JSON entry per discrepancy (version 1, kind, reference, the three views, actions), 2 for a bad --since.
import { afterEach, describe, expect, it } from 'vitest';
import { startAcumaticaDouble, type AcumaticaDouble } from '../../fakes/acumatica/index.js';
import { FileWarehouse } from '../../fakes/file-warehouse.js';
import { configureCli, parseJson, useCli } from '../../helpers/cli.js';
import { useTempDir } from '../../helpers/tmp.js';

const cliFor = useCli();
const tempDir = useTempDir('ds-e2e-rec-');
const doubles: AcumaticaDouble[] = [];
afterEach(async () => {
  for (const d of doubles.splice(0)) await d.close();
});

interface ReconcileJson {
  version: number;
  ok: boolean;
  counts: Record<string, number>;
  discrepancies: { kind: string; reference: string; acumatica: unknown; warehouse: unknown; dropstream: unknown; actions: string[] }[];
}

describe('dropstream reconcile', () => {
  it('exit 0 when all agree, 4 with the list when they do not, 2 for a bad date', async () => {
    const double = await startAcumaticaDouble();
    doubles.push(double);
    const root = tempDir();
    const cli = cliFor({ double });
    await configureCli(cli, double, root);
    double.seedSalesOrders(3, { seed: 7, lines: [1, 2], nonStockShare: 0 });
    expect((await cli.run(['sync', '--once'])).code).toBe(0);
    await new FileWarehouse({ root }).run();
    expect((await cli.run(['sync', '--once'])).code).toBe(0);

    const clean = await cli.run(['reconcile']);
    expect(clean.stderr).toBe('');
    expect(clean.code).toBe(0);
    expect(clean.stdout).toMatch(/3 order\(s\) compared, 0 discrepancies/);
    expect(clean.stdout).toMatch(/All three agree\./);

    // Entered in Acumatica while DropStream was not running.
    const so = double.addSalesOrder({ Details: [{ InventoryID: 'WIDGET-BLUE', OrderQty: 1, OpenQty: 1, LineType: 'Goods for Inventory' }] });
    const ref = `${so.OrderType}-${so.OrderNbr}`;
    const human = await cli.run(['reconcile', '--since', '2020-01-01']);
    expect(human.code).toBe(4);
    expect(human.stdout).toMatch(/ 1 {2}Open in Acumatica, unknown to DropStream/);
    expect(human.stdout).toContain(`${ref}  [unknown-to-dropstream]`);

    const result = await cli.run(['--json', 'reconcile']);
    expect(result.code).toBe(4);
    const json = parseJson<ReconcileJson>(result);
    expect(json.ok).toBe(false);
    expect(json.counts['unknown-to-dropstream']).toBe(1);
    expect(json.discrepancies).toHaveLength(1);
    const [d] = json.discrepancies;
    expect(Object.keys(d!).sort()).toEqual(['actions', 'acumatica', 'detail', 'dropstream', 'kind', 'reference', 'warehouse']);
    expect(d).toMatchObject({ kind: 'unknown-to-dropstream', reference: ref, dropstream: null, warehouse: null, actions: ['re-read', 'mark-resolved'] });

    const bad = await cli.run(['reconcile', '--since', '1st of May']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/YYYY-MM-DD/);
  });
});
