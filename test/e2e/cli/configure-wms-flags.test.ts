// `configure wms` sets the X12 overdue-997 window (0 = off) and the Extensiv UOM-picks-qualifier choice, so neither
// needs a hand-edited settings.json (docs/x12.md, docs/extensiv.md).
import { describe, expect, it } from 'vitest';
import { createConfBackend } from '../../../main/core/settings/conf-backend.js';
import { createSettingsStore } from '../../../main/core/settings/store.js';
import { useCli } from '../../helpers/cli.js';
import { useTempDir } from '../../helpers/tmp.js';

const cliFor = useCli();
const tempDir = useTempDir('ds-cfg-x12-');
const wmsOf = (home: string) => createSettingsStore(createConfBackend(home)).read().wms;

describe('configure wms flags', () => {
  it('--x12-ack-overdue-hours 0 turns the overdue-997 check off', async () => {
    const cli = cliFor();
    const dir = tempDir();
    const r = await cli.run(['configure', 'wms', '--adapter', 'file', '--format', 'x12', '--dir', dir, '--x12-sender', 'ZZ:ACMEERP', '--x12-receiver', 'ZZ:WHSE3PL', '--x12-usage', 'T', '--x12-ack-overdue-hours', '0']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const wms = wmsOf(cli.home);
    expect(wms?.adapter === 'file' && wms.x12?.ackOverdueHours).toBe(0);
  });

  it('--extensiv-uom-qualifier on|off sets uomPicksItemQualifier; anything else is refused', async () => {
    const cli = cliFor();
    const base = ['configure', 'wms', '--adapter', 'extensiv', '--url', 'https://secure-wms.com', '--client-id', 'client', '--user-login', 'api-user', '--customer-id', '1077', '--facility-id', '2'];
    const env = { DROPSTREAM_WMS_EXTENSIV_CLIENT_SECRET: 'secret' };
    const on = await cli.run([...base, '--extensiv-uom-qualifier', 'on'], { env });
    expect(on.code, on.stderr).toBe(0);
    expect(wmsOf(cli.home)).toMatchObject({ adapter: 'extensiv', uomPicksItemQualifier: true });
    const bad = await cli.run([...base, '--extensiv-uom-qualifier', 'yes'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--extensiv-uom-qualifier takes on or off/);
  });
});
