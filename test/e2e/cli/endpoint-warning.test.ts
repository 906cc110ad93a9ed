// Issue 14 item 11 through the command: `dropstream test-connection` against an instance without Default 24.200.001
// passes, and says which endpoint it uses and why that deserves a look. Also `--page-size` reaches the import.
import { afterEach, describe, expect, it } from 'vitest';
import { startAcumaticaDouble, type AcumaticaDouble } from '../../fakes/acumatica/index.js';
import { configureCli, useCli } from '../../helpers/cli.js';
import { useTempDir } from '../../helpers/tmp.js';

const cliFor = useCli();
const tempDir = useTempDir('ds-e2e-endpoint-');
const doubles: AcumaticaDouble[] = [];
afterEach(async () => {
  for (const d of doubles.splice(0)) await d.close();
});

describe('dropstream test-connection and the endpoint version', () => {
  it('warns, without failing, when the instance lacks the tested version; --page-size sets $top', async () => {
    const double = await startAcumaticaDouble({ endpointVersions: ['22.200.001', '23.200.001'] });
    doubles.push(double);
    const cli = cliFor({ double });
    await configureCli(cli, double, tempDir(), { extra: ['--page-size', '25'] });

    const text = await cli.run(['test-connection']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/warn Web service endpoint: Endpoint Default 23\.200\.001\. Note: This instance does not offer Default 24\.200\.001/);

    const { value } = await cli.json<{ ok: boolean; acumatica: { id: string; warning?: string }[] }>(['test-connection']);
    expect(value.ok).toBe(true);
    expect(value.acumatica.find((r) => r.id === 'endpoint')!.warning).toMatch(/tested with/);

    double.seedSalesOrders(30, { lines: [1, 1] });
    expect((await cli.run(['sync', '--once'])).code).toBe(0);
    const lists = double.requests.filter((r) => r.path === '/entity/Default/23.200.001/SalesOrder' && r.query.$filter?.startsWith('Status'));
    expect(lists.map((r) => r.query.$top)).toEqual(['25', '25']);
  });
});
