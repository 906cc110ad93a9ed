import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { X12Interchange } from 'node-x12';
import { describe, expect, test } from 'vitest';
import { packageKey } from '../../../main/core/domain/index.js';
import { createX12Format } from '../../../main/core/wms/file-exchange/x12/format.js';
import type { OrderLookup } from '../../../main/core/wms/adapter.js';
import { MemoryState, ctxOf, inbound, lookupOf, profileOf, sampleOrder, strictParse } from './helpers.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/x12');
const sample945 = readFileSync(join(FIXTURES, '945-sample.edi'));
const order = sampleOrder();
const lookup = lookupOf([order]);

function parse(content: string | Buffer, opts: { profile?: Record<string, unknown>; lookup?: OrderLookup; state?: MemoryState } = {}) {
  const state = opts.state ?? new MemoryState();
  const format = createX12Format(profileOf(opts.profile));
  const result = format.parseInbound('x.edi', Buffer.isBuffer(content) ? content : Buffer.from(content), opts.lookup ?? lookup, ctxOf(state));
  return { result, state };
}

const W06 = 'W06*F*SO-100045*20250314*SHP-9';

/** The segments of our 997 between ST and SE, as `TAG*el*el`. */
function ackSegments(content: Buffer): string[] {
  const ic = strictParse(content.toString('ascii')) as X12Interchange;
  return ic.functionalGroups[0]!.transactions[0]!.segments.map((s) => [s.tag, ...s.elements.map((x) => x.value)].join('*'));
}
const carton = (lx: number, mans: string[], w12s: string[]) => [`LX*${lx}`, ...mans, ...w12s];

describe('945 in', () => {
  test('the FACTS.md sample becomes one fulfillment with two tracked cartons, and a 997 goes back', () => {
    const { result, state } = parse(sample945);
    expect(result.errors).toEqual([]);
    expect(result.dedupeKey).toBe('isa:WHSE3PL:000000123');
    expect(result.fulfillments).toHaveLength(1);
    const f = result.fulfillments[0]!;
    expect(f).toMatchObject({ id: 'x12:WHSE3PL:000000123:0001', orderRef: 'SO-100045', shipDate: '2025-03-14', carrier: 'UPSN', service: 'UPS GROUND' });
    expect(f.lines).toEqual([
      { lineRef: '1', sku: 'WIDGET-BLUE', quantity: 2 },
      { lineRef: '2', sku: 'GADGET-RED', quantity: 1 },
      { lineRef: '3', sku: 'GIZMO-XL', quantity: 1 },
    ]);
    expect(f.packages.map((p) => [p.boxId, p.trackingNumber, p.contents.map((c) => `${c.lineRef}:${c.quantity}`).join(',')])).toEqual([
      ['00000123456000000012', '1Z999AA10123456784', '1:2,2:1'],
      ['00000123456000000029', '1Z999AA10123456795', '3:1'],
    ]);

    expect(result.replies).toHaveLength(1);
    const reply = result.replies[0]!;
    expect(reply.name).toBe('997_000000001.edi');
    const ic = strictParse(reply.content.toString('ascii')) as X12Interchange;
    expect(ic.header.elements[5]!.value.trim()).toBe('ACMEERP');
    expect(ic.header.elements[7]!.value.trim()).toBe('WHSE3PL');
    expect(ic.functionalGroups[0]!.header.elements[0]!.value).toBe('FA');
    const segs = ic.functionalGroups[0]!.transactions[0]!.segments.map((s) => [s.tag, ...s.elements.map((e) => e.value)].join('*'));
    expect(segs).toEqual(['AK1*SW*123', 'AK2*945*0001', 'AK5*A', 'AK9*A*1*1*1']);
    expect(state.counters.get('x12.isa')).toBe(1);
  });

  test('multi-box: one package per LX with its SSCC, tracking and weight', () => {
    const body = [
      W06, 'W27*U*UPSN*UPS GROUND',
      ...carton(1, ['MAN*GM*00000000000000000011', 'MAN*CP*1ZA'], ['W12*CC*2*2*0*EA**VN*WIDGET-BLUE**1.5*G*L']),
      ...carton(2, ['MAN*CP*1ZB'], ['W12*CC*1*1*0*EA**VN*GADGET-RED**2*G*L']),
      ...carton(3, ['MAN*CP*1ZC'], ['W12*CC*3*3*0*EA**VN*GIZMO-XL**4.25*G*L']),
      'W03*6*7.75*LB***3*CT',
    ];
    const { result } = parse(inbound('SW', [{ id: '945', control: '0001', body }]));
    expect(result.errors).toEqual([]);
    const pk = result.fulfillments[0]!.packages;
    expect(pk.map((p) => [p.boxId, p.trackingNumber, p.weight, p.weightUom])).toEqual([
      ['00000000000000000011', '1ZA', 1.5, 'LB'],
      ['SHP-9-2', '1ZB', 2, 'LB'],
      ['SHP-9-3', '1ZC', 4.25, 'LB'],
    ]);
  });

  test('partial shipments: several 945s for one order, in one file and across files, up to the quantity sent', () => {
    const first = { id: '945', control: '0001', body: [W06, ...carton(1, ['MAN*CP*1ZA'], ['W12*BP*3*1*2*EA**VN*GIZMO-XL']), 'W03*1'] };
    const second = { id: '945', control: '0002', body: ['W06*F*SO-100045*20250315*SHP-10', ...carton(1, ['MAN*CP*1ZB'], ['W12*BP*3*1*1*EA**VN*GIZMO-XL'])] };
    const one = parse(inbound('SW', [first, second]));
    expect(one.result.errors).toEqual([]);
    expect(one.result.fulfillments.map((f) => [f.id, f.shipDate, f.lines[0]!.quantity])).toEqual([
      ['x12:WHSE3PL:000000123:0001', '2025-03-14', 1],
      ['x12:WHSE3PL:000000123:0002', '2025-03-15', 1],
    ]);
    expect(one.result.replies).toHaveLength(1);

    // A later file: 2 of 3 already shipped; 1 more fits, 2 more do not.
    const later = lookupOf([order], { 'SO-100045': { '3': 2 } });
    const ok = parse(inbound('SW', [{ ...second, control: '0001' }], 130), { lookup: later });
    expect(ok.result.errors).toEqual([]);
    const over = parse(inbound('SW', [{ id: '945', control: '0001', body: [W06, ...carton(1, ['MAN*CP*1ZC'], ['W12*CC*3*2*0*EA**VN*GIZMO-XL'])] }], 131), { lookup: later });
    expect(over.result.fulfillments).toEqual([]);
    expect(over.result.errors.join('\n')).toMatch(/line 3 \(GIZMO-XL\): 2 already shipped plus 2 shipped now is more than the 3 sent/);
  });

  test('tracking in MAN:ZZ', () => {
    const body = [W06, ...carton(1, ['MAN*GM*00000000000000000011', 'MAN*ZZ*1ZZZ'], ['W12*CC*2*2*0*EA**VN*WIDGET-BLUE'])];
    const { result } = parse(inbound('SW', [{ id: '945', control: '0001', body }]), { profile: { tracking: 'MAN:ZZ' } });
    expect(result.errors).toEqual([]);
    expect(result.fulfillments[0]!.packages[0]!.trackingNumber).toBe('1ZZZ');
  });

  test('tracking in MAN04/05 as Infoplus sends it (MAN:CN), item id qualifier SK', () => {
    const body = [W06, 'W27*U*UPSN', ...carton(1, ['MAN*2*UPSN**CN*1ZINFOPLUS'], ['W12*CC*2*2*0*EA**SK*WIDGET-BLUE'])];
    const { result } = parse(inbound('SW', [{ id: '945', control: '0001', body }]), { profile: { tracking: 'MAN:CN' } });
    expect(result.errors).toEqual([]);
    expect(result.fulfillments[0]!.packages[0]!.trackingNumber).toBe('1ZINFOPLUS');
    expect(result.fulfillments[0]!.carrier).toBe('UPSN');
  });

  test('tracking in a header N9*2I: one for all cartons, or one package per number when there are no cartons', () => {
    const withCartons = [W06, 'N9*2I*1ZHEADER', ...carton(1, [], ['W12*CC*2*2*0*EA**VN*WIDGET-BLUE']), ...carton(2, [], ['W12*CC*1*1*0*EA**VN*GADGET-RED'])];
    const a = parse(inbound('SW', [{ id: '945', control: '0001', body: withCartons }]), { profile: { tracking: 'N9:2I' } });
    expect(a.result.errors).toEqual([]);
    expect(a.result.fulfillments[0]!.packages.map((p) => p.trackingNumber)).toEqual(['1ZHEADER', '1ZHEADER']);

    const noCartons = [W06, 'N9*2I*1ZONLY', 'W12*CC*2*2*0*EA**VN*WIDGET-BLUE', 'N9*LI*1', 'W03*2'];
    const b = parse(inbound('SW', [{ id: '945', control: '0001', body: noCartons }]), { profile: { tracking: 'N9:2I' } });
    expect(b.result.errors).toEqual([]);
    expect(b.result.fulfillments[0]!.packages).toHaveLength(1);
    expect(b.result.fulfillments[0]!.packages[0]).toMatchObject({ trackingNumber: '1ZONLY', contents: [{ lineRef: '1', sku: 'WIDGET-BLUE', quantity: 2 }] });
  });

  test('N9*LI picks the line when the same SKU is on two lines', () => {
    const twoLines = sampleOrder({ lines: [sampleOrder().lines[0]!, { ...sampleOrder().lines[0]!, lineRef: '7', quantity: 5 }] });
    const body = [W06, ...carton(1, ['MAN*CP*1ZA'], ['W12*CC*5*5*0*EA**VN*WIDGET-BLUE', 'N9*LI*7'])];
    const { result } = parse(inbound('SW', [{ id: '945', control: '0001', body }]), { lookup: lookupOf([twoLines]) });
    expect(result.errors).toEqual([]);
    expect(result.fulfillments[0]!.lines).toEqual([{ lineRef: '7', sku: 'WIDGET-BLUE', quantity: 5 }]);
  });
});

describe('945 in: bad input goes to errors, nothing half-applied, no 997, no control number taken', () => {
  const text = sample945.toString();
  const good = { id: '945', control: '0001', body: [W06, ...carton(1, ['MAN*CP*1ZA'], ['W12*CC*2*2*0*EA**VN*WIDGET-BLUE'])] };
  const cases: [string, () => ReturnType<typeof parse>, RegExp][] = [
    ['wrong SE count', () => parse(text.replace('SE*24*0001', 'SE*23*0001')), /SE01 \(23\)/],
    ['wrong GE count', () => parse(text.replace('GE*1*123', 'GE*2*123')), /GE01/],
    ['IEA control number differs', () => parse(text.replace('IEA*1*000000123', 'IEA*1*000000124')), /IEA02/],
    ['ISA not padded', () => parse(text.replace('WHSE3PL        *ZZ*ACMEERP        ', 'WHSE3PL*ZZ*ACMEERP')), /106 characters/],
    ['missing IEA', () => parse(text.replace('IEA*1*000000123~\n', '')), /no IEA trailer/],
    ['missing SE', () => parse(text.replace('SE*24*0001~\n', '')), /no SE trailer/],
    ['not X12 at all', () => parse('order,sku,qty\n1,2,3\n'), /not start with an ISA/],
    ['empty file', () => parse(''), /not start with an ISA/],
    ['unknown order', () => parse(text.replace('W06*F*SO-100045', 'W06*F*SO-999999')), /order SO-999999 is unknown/],
    ['no order number', () => parse(text.replace('W06*F*SO-100045', 'W06*F*')), /W06-02/],
    ['line over open quantity', () => parse(text.replace('W12*CC*2*2*0*EA', 'W12*CC*2*5*0*EA').replace('W03*4', 'W03*7')), /5 shipped now is more than the 2 sent/],
    ['item not on the order', () => parse(text.replace('VN*GADGET-RED~\nN9*LI*2~\n', 'VN*GADGET-BLUE~\n').replace('SE*24', 'SE*23')), /GADGET-BLUE is not on order/],
    ['item differs from the referenced line', () => parse(text.replace('VN*GADGET-RED', 'VN*GADGET-BLUE')), /line 2 of order SO-100045 is item GADGET-RED, but the 945 says GADGET-BLUE/],
    ['line reference not on the order', () => parse(text.replace('N9*LI*3', 'N9*LI*9')), /no line 9/],
    ['unit differs', () => parse(text.replace('W12*CC*1*1*0*EA', 'W12*CC*1*1*0*CA')), /sent in EA but the 945 ships 1 CA/],
    ['W03 units differ', () => parse(text.replace('W03*4', 'W03*5')), /W03 says 5 units/],
    ['W03 cartons differ', () => parse(text.replace('2*CT', '3*CT')), /W03 says 3 cartons/],
    ['bad ship date', () => parse(text.replace('W06*F*SO-100045*20250314', 'W06*F*SO-100045*20251340').replace('G62*11*20250314', 'G62*11*2025')), /20251340/],
    ['package already recorded', () => parse(text, { lookup: lookupOf([order], {}, { 'SO-100045': [packageKey('SO-100045', { trackingNumber: '1Z999AA10123456784', boxId: '00000123456000000012' })] }) }), /already recorded/],
    ['duplicate interchange control number in one file', () => parse(text + text), /appears twice/],
    ['from another partner', () => parse(text.replaceAll('WHSE3PL        ', 'OTHER3PL       ')), /comes from ZZ:OTHER3PL/],
    ['test file on a production connection', () => parse(text, { profile: { usage: 'P' } }), /marked test/],
    ['a 940 group inbound', () => parse(text.replace('GS*SW', 'GS*OW')), /reads only 945/],
    ['one good and one bad 945 in a file', () => parse(inbound('SW', [good, { ...good, control: '0002', body: ['W06*F*NOPE*20250314', ...good.body.slice(1)] }])), /NOPE is unknown/],
    ['tracking numbers that do not match the cartons', () => parse(inbound('SW', [{ ...good, body: [W06, 'N9*2I*A', 'N9*2I*B', ...carton(1, [], ['W12*CC*2*2*0*EA**VN*WIDGET-BLUE'])] }]), { profile: { tracking: 'N9:2I' } }), /2 tracking numbers/],
  ];
  // Envelope problems: no 997 (it could not be addressed, or the partner's translator must fix its envelope).
  const envelopeCases = new Set(['wrong SE count', 'wrong GE count', 'IEA control number differs', 'ISA not padded', 'missing IEA', 'missing SE', 'not X12 at all', 'empty file', 'from another partner', 'test file on a production connection', 'a 940 group inbound']);
  test.each(cases)('%s', (what, run, reason) => {
    const { result, state } = run();
    expect(result.errors.join('\n')).toMatch(reason);
    expect(result.fulfillments).toEqual([]);
    expect(result.rejectedOrders).toEqual([]);
    if (what === 'bad ship date') {
      // A syntax error: the set is rejected to the partner, AK3/AK4 name segment, element and code.
      expect(ackSegments(result.replies[0]!.content)).toEqual(['AK1*SW*123', 'AK2*945*0001', 'AK3*W06*2**8', 'AK4*3*373*8*20251340', 'AK3*G62*8**8', 'AK4*2*373*8*2025', 'AK5*R*5', 'AK9*R*1*1*0']);
    } else if (envelopeCases.has(what)) {
      expect(result.replies).toEqual([]);
      expect(state.counters.size).toBe(0);
    } else {
      // Business failures stay with the operator (out/error/), but the group parsed: it is acknowledged, AK5*A
      // for every set that parses (issue #15 item 5).
      expect(result.replies).toHaveLength(1);
      const segs = ackSegments(result.replies[0]!.content);
      expect(segs.filter((x) => x.startsWith('AK5')).every((x) => x === 'AK5*A')).toBe(true);
      expect(segs.at(-1)).toMatch(/^AK9\*A\*(\d)\*\1\*\1$/);
    }
  });

  test('the dedupe key names the interchange so the adapter skips a resent copy', () => {
    const a = parse(sample945).result.dedupeKey;
    const b = parse(text.replace('W06*F*SO-100045*20250314*SHP-778812', 'W06*F*SO-100045*20250314*SHP-XX')).result.dedupeKey;
    expect(a).toBe('isa:WHSE3PL:000000123');
    expect(b).toBe(a);
  });
});
