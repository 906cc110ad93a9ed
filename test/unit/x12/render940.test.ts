import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { X12Interchange } from 'node-x12';
import { describe, expect, test } from 'vitest';
import { AppError } from '../../../main/core/errors.js';
import { createX12Format } from '../../../main/core/wms/file-exchange/x12/format.js';
import type { OutboundFile } from '../../../main/core/wms/file-exchange/format.js';
import { MemoryState, ctxOf, profileOf, sampleOrder, strictParse } from './helpers.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/x12');

/** Byte-for-byte comparison with a golden file; UPDATE_X12_GOLDEN=1 rewrites them (review the diff!). */
function expectGolden(file: OutboundFile, fixture: string): void {
  const path = join(FIXTURES, fixture);
  if (process.env.UPDATE_X12_GOLDEN === '1' || !existsSync(path)) writeFileSync(path, file.content);
  expect(file.content.equals(readFileSync(path))).toBe(true);
}

/** Every generated file goes through node-x12 strict: envelope, counts and control numbers must hold. */
function reparse(file: OutboundFile, terminator = '~'): X12Interchange {
  const ic = strictParse(file.content.toString('ascii'));
  expect(ic).toBeInstanceOf(X12Interchange);
  const interchange = ic as X12Interchange;
  expect(interchange.segmentTerminator).toBe(terminator);
  return interchange;
}

function segmentsOf(ic: X12Interchange): string[][] {
  return ic.functionalGroups[0]!.transactions[0]!.segments.map((s) => [s.tag, ...s.elements.map((e) => e.value)]);
}

const startAt456 = () => new MemoryState({ 'x12.isa': 456, 'x12.gs': 456 });

describe('940 rendering', () => {
  test('a new order matches the golden file and the FACTS.md sample structure', () => {
    const file = createX12Format(profileOf()).renderOrder(sampleOrder(), 'new', 1, ctxOf(startAt456()));
    expect(file.name).toBe('940_SO-100045_000000456.edi');
    expectGolden(file, '940-new.edi');
    const ic = reparse(file);
    expect(ic.header.elements[5]!.value).toBe('ACMEERP        ');
    expect(ic.header.elements[14]!.value).toBe('T');
    const segs = segmentsOf(ic);
    expect(segs[0]).toEqual(['W05', 'N', 'SO-100045', 'PO-55521']);
    expect(segs.filter((s) => s[0] === 'LX')).toHaveLength(3);
    expect(segs).toContainEqual(['W01', '3', 'EA', '', 'VN', 'GIZMO-XL']);
    expect(segs).toContainEqual(['N9', 'LI', '3']);
    expect(segs).toContainEqual(['W66', 'PP', 'U', '', '', 'UPS GROUND', '', '', '', '', 'UPSN']);
    expect(segs.at(-1)).toEqual(['W76', '6']);
    expect(file.content.toString().split('\n')[0]).toHaveLength(106);
  });

  test('a change with other separators, a company, a long note and odd characters matches its golden file', () => {
    const profile = profileOf({ elementSeparator: '|', segmentTerminator: '\n', componentSeparator: '^', newlineAfterSegment: false, usage: 'P', itemQualifier: 'SK', units: { PIECE: 'EA', BOX: 'BX' } });
    const order = sampleOrder({
      ref: 'SO-000777',
      customerPo: 'PO|1',
      notes: 'Ring the bell twice | then wait. Fragile: handle with care, keep upright, do not stack more than three boxes high please',
      shipVia: 'FREIGHT',
      requestedOn: '',
      shipTo: {
        address: { line1: 'Rue de l’Église 5', line2: '', city: 'Montréal', state: 'Quebec', postalCode: 'H2X 1Y4', country: 'CA' },
        contact: { name: 'Zoë Ålund', company: 'Café Ünited', phone: '', email: 'zoe@example.com' },
      },
      lines: [
        { lineRef: '10', inventoryId: 'BOLT', alternateId: '', sku: 'BOLT-M8', quantity: 12.5, uom: 'BOX', description: 'Bolts M8 x 40 zinc plated, box of 100 pieces, DIN 933 8.8', warehouseId: 'WH1' },
        { lineRef: '20', inventoryId: 'NUT', alternateId: '', sku: 'NUT-M8', quantity: 4, uom: 'PIECE', description: '', warehouseId: 'WH1' },
      ],
    });
    const file = createX12Format(profile).renderOrder(order, 'change', 2, ctxOf(new MemoryState({ 'x12.isa': 1000, 'x12.gs': 77 })));
    expect(file.name).toBe('940_SO-000777_000001000.edi');
    expectGolden(file, '940-change-pipes.edi');
    const segs = segmentsOf(reparse(file, '\n'));
    expect(segs[0]).toEqual(['W05', 'R', 'SO-000777', 'PO 1']);
    expect(segs).toContainEqual(['N1', 'ST', 'Cafe United']);
    expect(segs).toContainEqual(['N2', 'Zoe Alund']);
    expect(segs).toContainEqual(['N4', 'Montreal', '', 'H2X 1Y4', 'CA', 'SP', 'Quebec']);
    expect(segs).toContainEqual(['W01', '12.5', 'BX', '', 'SK', 'BOLT-M8']);
    expect(segs).toContainEqual(['W01', '4', 'EA', '', 'SK', 'NUT-M8']);
    const notes = segs.filter((s) => s[0] === 'NTE');
    expect(notes.length).toBe(2);
    for (const n of notes) expect(n[2]!.length).toBeLessThanOrEqual(80);
    expect(notes.map((n) => n[2]).join(' ')).toContain('Ring the bell twice then wait.');
    expect(segs.filter((s) => s[0] === 'G69').every((s) => s[1]!.length <= 45)).toBe(true);
    expect(segs.at(-1)).toEqual(['W76', '16.5']);
  });

  test('a cancel is W05 purpose F and matches its golden file', () => {
    const file = createX12Format(profileOf()).renderOrder(sampleOrder(), 'cancel', 3, ctxOf(new MemoryState({ 'x12.isa': 460, 'x12.gs': 460 })));
    expectGolden(file, '940-cancel.edi');
    expect(segmentsOf(reparse(file))[0]).toEqual(['W05', 'F', 'SO-100045', 'PO-55521']);
  });

  test('control numbers are never reused, and a re-render after a crash writes the same file', () => {
    const state = new MemoryState();
    const format = createX12Format(profileOf());
    const a = format.renderOrder(sampleOrder(), 'new', 1, ctxOf(state));
    const b = format.renderOrder(sampleOrder({ ref: 'SO-2' }), 'new', 1, ctxOf(state));
    const c = format.renderOrder(sampleOrder(), 'change', 2, ctxOf(state));
    expect([a.name, b.name, c.name]).toEqual(['940_SO-100045_000000001.edi', '940_SO-2_000000002.edi', '940_SO-100045_000000003.edi']);
    const again = format.renderOrder(sampleOrder(), 'new', 1, ctxOf(state, new Date('2030-01-01T00:00:00Z')));
    expect(again.name).toBe(a.name);
    expect(again.content.equals(a.content)).toBe(true);
    // GS06 -> order, for the 997.
    expect(JSON.parse(state.get('x12.940.gs:3')!)).toMatchObject({ orderRef: 'SO-100045', action: 'change', st: '0001' });
  });

  test('the file name is sanitised', () => {
    const file = createX12Format(profileOf()).renderOrder(sampleOrder({ ref: '../SO 1/2' }), 'new', 1, ctxOf(new MemoryState()));
    expect(file.name).toBe('940___SO_1_2_000000001.edi');
    expect(file.name).not.toContain('/');
  });

  test.each([
    ['a reference over 22 characters', sampleOrder({ ref: 'SO-12345678901234567890' }), /at most 22/],
    ['a reference holding the element separator', sampleOrder({ ref: 'SO*1' }), /separator/],
    ['a SKU holding the segment terminator', sampleOrder({ lines: [{ ...sampleOrder().lines[0]!, sku: 'A~B' }] }), /separator/],
    ['a unit without an X12 code', sampleOrder({ lines: [{ ...sampleOrder().lines[0]!, uom: 'PIECE' }] }), /unit map/],
    ['no ship-to name', sampleOrder({ shipTo: { ...sampleOrder().shipTo, contact: { name: '', company: '', phone: '', email: '' } } }), /ship-to name/],
    ['no lines', sampleOrder({ lines: [] }), /no lines/],
  ])('rejects %s with a business error and takes no control number', (_what, order, message) => {
    const state = new MemoryState();
    let error: unknown;
    try {
      createX12Format(profileOf()).renderOrder(order, 'new', 1, ctxOf(state));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe('business');
    expect((error as AppError).message).toMatch(message);
    expect(state.counters.size).toBe(0);
  });

  test('accepts only .edi and .x12 files', () => {
    const f = createX12Format(profileOf());
    expect(['a.edi', 'B.EDI', 'c.X12', 'd.x12'].every((n) => f.accepts(n))).toBe(true);
    expect(['shp_1.csv', 'a.edi.tmp', 'edi', 'a.txt'].some((n) => f.accepts(n))).toBe(false);
  });
});
