import { describe, expect, test } from 'vitest';
import { padIsaControl, seg, writeInterchange, writeIsa, writeSegment, type Envelope } from '../../../main/core/wms/file-exchange/x12/writer.js';
import { strictParse } from './helpers.js';

const seps = { element: '*', segment: '~', component: '>' };
const env: Envelope = {
  sender: { qualifier: 'ZZ', id: 'ACMEERP' },
  receiver: { qualifier: '01', id: '123456789' },
  gsSender: 'ACMEERP',
  gsReceiver: 'WHSE',
  version: '004010',
  usage: 'P',
  date: new Date('2025-01-02T03:04:00Z'),
  isaControl: 7,
  separators: seps,
  newlineAfterSegment: false,
};

describe('X12 writer', () => {
  test('ISA is exactly 106 characters with padded ids and a 9-digit control number', () => {
    const isa = writeIsa(env);
    expect(isa).toHaveLength(106);
    expect(isa).toBe('ISA*00*          *00*          *ZZ*ACMEERP        *01*123456789      *250102*0304*U*00401*000000007*0*P*>~');
  });

  test('drops trailing empty elements and components, keeps inner empties', () => {
    expect(writeSegment(seg('W66', 'PP', 'U', '', '', 'UPS', '', ''), seps)).toBe('W66*PP*U***UPS');
    expect(writeSegment(seg('X', ['A', '', 'B', '', '']), seps)).toBe('X*A>>B');
  });

  test('refuses a separator inside data', () => {
    expect(() => writeSegment(seg('NTE', 'WHI', 'a*b'), seps)).toThrow(/separator/);
    expect(() => writeSegment(seg('NTE', 'WHI', 'a~b'), seps)).toThrow(/separator/);
    expect(() => writeSegment(seg('NTE', ['a>b']), seps)).toThrow(/separator/);
  });

  test('refuses ids longer than the ISA allows and control numbers out of range', () => {
    expect(() => writeIsa({ ...env, sender: { qualifier: 'ZZ', id: 'X'.repeat(16) } })).toThrow(/ISA06/);
    expect(() => padIsaControl(0)).toThrow();
    expect(() => padIsaControl(1_000_000_000)).toThrow();
  });

  test('computes SE/GE/IEA counts that the strict parser accepts', () => {
    const text = writeInterchange(env, [
      { functionalId: 'FA', control: 12, sets: [{ id: '997', control: '0001', body: [seg('AK1', 'SW', '5'), seg('AK9', 'A', '0', '0', '0')] }] },
      {
        functionalId: 'FA',
        control: 13,
        sets: [
          { id: '997', control: '0001', body: [seg('AK1', 'SW', '6'), seg('AK9', 'A', '0', '0', '0')] },
          { id: '997', control: '0002', body: [seg('AK1', 'SW', '7'), seg('AK2', '945', '0001'), seg('AK5', 'A'), seg('AK9', 'A', '1', '1', '1')] },
        ],
      },
    ]);
    expect(text).toContain('SE*4*0001~');
    expect(text).toContain('SE*6*0002~');
    expect(text).toContain('GE*2*13~');
    expect(text.endsWith('IEA*2*000000007~')).toBe(true);
    const ic = strictParse(text) as ReturnType<typeof strictParse> & { functionalGroups: unknown[] };
    expect(ic.functionalGroups).toHaveLength(2);
  });

  test('ISA11 is U for 4010 and the repetition separator from 4020 on', () => {
    expect(writeIsa(env).split('*')[11]).toBe('U');
    expect(writeIsa({ ...env, version: '005010' }).split('*')[11]).toBe('^');
  });
});
