// The X12 format behind the file-exchange inbox on a real folder (issue #15 items 5 and 7): a re-sent interchange
// gets our stored 997 again and is archived; a DIFFERENT 945 reusing an applied interchange control number (ISA13)
// is refused into out/error/ with the reason, never archived silently; a 945 the operator must handle still gets
// its 997 (AK5*A) while the file waits in out/error/.
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileExchangeAdapter } from '../../../main/core/wms/file-exchange/adapter.js';
import { fileExchangeSettingsSchema } from '../../../main/core/wms/file-exchange/settings.js';
import { createX12Format } from '../../../main/core/wms/file-exchange/x12/format.js';
import { useTempDir } from '../../helpers/tmp.js';
import { testDeps } from '../../unit/file-exchange/helpers.js';
import { inbound, lookupOf, profileOf, sampleOrder } from '../../unit/x12/helpers.js';

const tempDir = useTempDir('ds-fx-x12-');
const lookup = lookupOf([sampleOrder()]);
const body = (tracking: string) => ['W06*F*SO-100045*20250314*SHP-9', 'LX*1', `MAN*CP*${tracking}`, 'W12*CC*2*2*0*EA**VN*WIDGET-BLUE'];

function setup() {
  const root = tempDir();
  const settings = fileExchangeSettingsSchema.parse({ adapter: 'file', format: 'x12', transport: { kind: 'folder', dir: root }, stableForMs: 0 });
  const adapter = createFileExchangeAdapter(settings, testDeps(), createX12Format(profileOf()));
  const ls = (dir: string): string[] => readdirSync(join(root, dir)).filter((n) => !n.startsWith('.')).sort();
  return { root, adapter, ls, drop: (name: string, text: string) => writeFileSync(join(root, 'out', name), text) };
}

describe('X12 inbox', () => {
  it('re-sends the stored 997 for a re-sent interchange, and refuses a different 945 with the same ISA13', async () => {
    const { root, adapter, ls, drop } = setup();
    await adapter.testConnection();
    drop('945_a.edi', inbound('SW', [{ id: '945', control: '0001', body: body('1ZA') }], 500));
    const first = await adapter.collect(lookup);
    expect(first.batches).toHaveLength(1);
    await first.batches[0]!.commit();
    const [ack] = ls('in');
    expect(ack).toMatch(/^997_\d{9}\.edi$/);
    const ackBytes = readFileSync(join(root, 'in', ack!));
    rmSync(join(root, 'in', ack!)); // the partner picked it up

    // The same interchange again (other line ends): archived, nothing applied, the same 997 goes out again.
    drop('945_a_again.edi', inbound('SW', [{ id: '945', control: '0001', body: body('1ZA') }], 500).replaceAll('~\n', '~\r\n'));
    const again = await adapter.collect(lookup);
    expect(again).toEqual({ batches: [], rejected: [] });
    expect(ls('out/archive')).toEqual(['945_a.edi', '945_a_again.edi']);
    expect(ls('in')).toEqual([ack]);
    expect(readFileSync(join(root, 'in', ack!))).toEqual(ackBytes);

    // Another 945 (other tracking) under the applied ISA13 500: refused with the reason, not archived.
    drop('945_b.edi', inbound('SW', [{ id: '945', control: '0001', body: body('1ZB') }], 500));
    const reused = await adapter.collect(lookup);
    expect(reused.batches).toEqual([]);
    expect(reused.rejected[0]!.reasons.join()).toMatch(/reuses the identity isa:WHSE3PL:000000500 of 945_a\.edi.*content differs/);
    expect(ls('out/error')).toEqual(['945_b.edi', '945_b.edi.error.txt']);
    expect(ls('out/archive')).toEqual(['945_a.edi', '945_a_again.edi']);
  });

  it('a 945 for an unknown order goes to out/error/ and is still acknowledged (AK5*A)', async () => {
    const { root, adapter, ls, drop } = setup();
    await adapter.testConnection();
    drop('945_x.edi', inbound('SW', [{ id: '945', control: '0001', body: ['W06*F*SO-424242*20250314', ...body('1ZX').slice(1)] }], 600));
    const r = await adapter.collect(lookup);
    expect(r.rejected[0]!.reasons.join()).toMatch(/SO-424242 is unknown/);
    expect(ls('out/error')).toEqual(['945_x.edi', '945_x.edi.error.txt']);
    const [ack] = ls('in');
    expect(readFileSync(join(root, 'in', ack!), 'ascii')).toContain('AK5*A~');
  });
});
