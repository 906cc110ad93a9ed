// Issue #15 items 5 and 7, and lot/serial numbers: the X12 side as real 4010 partners behave. Sources: the fact
// sheet /work/shared/x12/FACTS.md (sections 1, 3, 4: W06-01 codes 514, W27 at header position, AK3/AK4/AK5/AK9
// semantics and codes 716/718/720/723 [bots-grammars 997004010, EdiEngine X12_004010]).
import type { X12Interchange } from 'node-x12';
import { describe, expect, test } from 'vitest';
import { createX12Format } from '../../../main/core/wms/file-exchange/x12/format.js';
import { ackStatusOf, separators } from '../../../main/core/wms/file-exchange/x12/envelope.js';
import { render940Body } from '../../../main/core/wms/file-exchange/x12/render940.js';
import { writeIsa, writeSegment, type Envelope } from '../../../main/core/wms/file-exchange/x12/writer.js';
import { FIXED_NOW, MemoryState, ctxOf, inbound, lookupOf, profileOf, sampleOrder, strictParse } from './helpers.js';

const order = sampleOrder();
const lookup = lookupOf([order]);
const W06 = 'W06*F*SO-100045*20250314*SHP-9';
const LX = (n: number, ...rest: string[]) => [`LX*${n}`, `MAN*CP*1Z${n}`, ...rest];

function parse(text: string, profile: Record<string, unknown> = {}, state = new MemoryState()) {
  return { result: createX12Format(profileOf(profile)).parseInbound('x.edi', Buffer.from(text), lookup, ctxOf(state)), state };
}

function ackSegments(content: Buffer): string[] {
  const ic = strictParse(content.toString('ascii')) as X12Interchange;
  return ic.functionalGroups[0]!.transactions[0]!.segments.map((s) => [s.tag, ...s.elements.map((x) => x.value)].join('*'));
}

describe('997 semantics (item 5)', () => {
  test('a group with one set in syntax error and one good set: AK5*R with AK3/AK4, AK5*A, AK9*P with the counts', () => {
    const good = { id: '945', control: '0001', body: [W06, ...LX(1, 'W12*CC*2*2*0*EA**VN*WIDGET-BLUE')] };
    const bad = { id: '945', control: '0002', body: ['W06*Z*SO-100045*20250314', ...LX(2, 'W12*CC*1*1*0*EA**VN*GADGET-RED')] };
    const { result } = parse(inbound('SW', [good, bad]));
    expect(result.fulfillments).toEqual([]);
    expect(result.errors.join('\n')).toMatch(/945 0002 .*rejected to the partner in our 997 \(AK5\*R\): W06-01 "Z" is not a valid code/);
    expect(ackSegments(result.replies[0]!.content)).toEqual([
      'AK1*SW*123', 'AK2*945*0001', 'AK5*A', 'AK2*945*0002', 'AK3*W06*2**8', 'AK4*1*514*7*Z', 'AK5*R*5', 'AK9*P*2*2*1',
    ]);
  });

  test('business failures (unknown order, over-shipment) are acknowledged AK5*A; the file stays with the operator', () => {
    const unknown = { id: '945', control: '0001', body: ['W06*F*SO-999999*20250314', ...LX(1, 'W12*CC*2*2*0*EA**VN*WIDGET-BLUE')] };
    const over = { id: '945', control: '0002', body: [W06, ...LX(2, 'W12*CC*9*9*0*EA**VN*GIZMO-XL')] };
    const { result } = parse(inbound('SW', [unknown, over]));
    expect(result.errors.join('\n')).toMatch(/SO-999999 is unknown[\s\S]*more than the 3 sent/);
    expect(ackSegments(result.replies[0]!.content)).toEqual(['AK1*SW*123', 'AK2*945*0001', 'AK5*A', 'AK2*945*0002', 'AK5*A', 'AK9*A*2*2*2']);
  });

  test('the same interchange parsed again gets the stored 997 (same control numbers), never a new one', () => {
    const state = new MemoryState();
    const text = inbound('SW', [{ id: '945', control: '0001', body: ['W06*F*SO-999999*20250314', ...LX(1, 'W12*CC*2*2*0*EA**VN*WIDGET-BLUE')] }]);
    const first = parse(text, {}, state).result.replies;
    const again = parse(text.replaceAll('~\n', '~\r\n'), {}, state).result.replies;
    expect(again.map((r) => [r.name, r.content.toString()])).toEqual(first.map((r) => [r.name, r.content.toString()]));
    expect(state.counters.get('x12.isa')).toBe(1);
  });

  test('a group of another X12 version is refused and acknowledged AK9*R with code 2 (version not supported)', () => {
    const text = inbound('SW', [{ id: '945', control: '0001', body: [W06, ...LX(1, 'W12*CC*2*2*0*EA**VN*WIDGET-BLUE')] }]).replace('*X*004010~', '*X*003050~');
    const { result } = parse(text);
    expect(result.errors.join('\n')).toMatch(/X12 version 003050, but this connection reads 004010/);
    expect(result.fulfillments).toEqual([]);
    expect(ackSegments(result.replies[0]!.content)).toEqual(['AK1*SW*123', 'AK2*945*0001', 'AK5*R', 'AK9*R*1*1*0*2']);
    // A 004010 variant (UCS/VICS guides) is the same version.
    expect(parse(text.replace('*X*003050~', '*X*004010VICS~')).result.errors).toEqual([]);
  });
});

describe('945 reading (item 7)', () => {
  test('a W27 inside the W12 loop does not overwrite the header carrier', () => {
    const text = inbound('SW', [{ id: '945', control: '0001', body: [W06, 'W27*U*UPSN*UPS GROUND', ...LX(1, 'W12*CC*2*2*0*EA**VN*WIDGET-BLUE', 'W27*M*FDEG*FEDEX FREIGHT')] }]);
    const { result } = parse(text);
    expect(result.errors).toEqual([]);
    expect(result.fulfillments[0]).toMatchObject({ carrier: 'UPSN', service: 'UPS GROUND' });
  });

  test('W06-01 N (no exceptions) ships every open line as ordered; X (exceptions only) ships unlisted lines in full', () => {
    const n = parse(inbound('SW', [{ id: '945', control: '0001', body: ['W06*N*SO-100045*20250314', 'W27*U*UPSN'] }])).result;
    expect(n.errors).toEqual([]);
    expect(n.fulfillments[0]!.lines).toEqual([
      { lineRef: '1', sku: 'WIDGET-BLUE', quantity: 2 }, { lineRef: '2', sku: 'GADGET-RED', quantity: 1 }, { lineRef: '3', sku: 'GIZMO-XL', quantity: 3 },
    ]);
    const x = parse(inbound('SW', [{ id: '945', control: '0001', body: ['W06*X*SO-100045*20250314', ...LX(1, 'W12*CP*3*1*2*EA**VN*GIZMO-XL')] }])).result;
    expect(x.errors).toEqual([]);
    expect(x.fulfillments[0]!.lines.map((l) => [l.lineRef, l.quantity])).toEqual([['3', 1], ['1', 2], ['2', 1]]);
    const nShort = parse(inbound('SW', [{ id: '945', control: '0001', body: ['W06*N*SO-100045*20250314', ...LX(1, 'W12*CP*3*1*2*EA**VN*GIZMO-XL')] }])).result;
    expect(nShort.errors.join()).toMatch(/W06-01 N \(no exceptions\) but line 3/);
  });

  const base = inbound('SW', [{ id: '945', control: '0001', body: [W06, 'W27*U*UPSN', ...LX(1, 'W12*CC*2*2*0*EA**VN*WIDGET-BLUE')] }]);
  const variants: [string, string, Record<string, unknown>][] = [
    ['element | and component ^', base.replaceAll('*', '|').replace('|>~', '|^~'), {}],
    ['CRLF after the terminator', base.replaceAll('~\n', '~\r\n'), {}],
    ['newline as the segment terminator', base.replaceAll('~\n', '\n'), {}],
    ['^ as element separator', base.replaceAll('*', '^'), {}],
    ['a UTF-8 byte-order mark', `\uFEFF${base}`, {}],
    ['a 00501 envelope (ISA11 repetition separator, GS08 005010)', base.replace('*U*00401*', '*^*00501*').replace('*X*004010~', '*X*005010~'), { version: '005010' }],
  ];
  test.each(variants)('reads a 945 with %s', (_what, text, profile) => {
    const { result } = parse(text, profile);
    expect(result.errors).toEqual([]);
    expect(result.fulfillments[0]!.packages[0]).toMatchObject({ trackingNumber: '1Z1', contents: [{ lineRef: '1', quantity: 2 }] });
  });
});

describe('lot / serial numbers from the 945', () => {
  test('W12-09 lot, N9*LT lot and N9*SE serials become package contents and line lot/serials', () => {
    const text = inbound('SW', [{
      id: '945', control: '0001', body: [
        W06,
        ...LX(1, 'W12*CC*2*2*0*EA**VN*WIDGET-BLUE*LOT-A'),
        ...LX(2, 'W12*CC*1*1*0*EA**VN*GADGET-RED', 'N9*LT*LOT-R'),
        ...LX(3, 'W12*CC*3*3*0*EA**VN*GIZMO-XL', 'N9*SE*SN1', 'N9*SE*SN2', 'N9*SE*SN3'),
      ],
    }]);
    const { result } = parse(text);
    expect(result.errors).toEqual([]);
    const f = result.fulfillments[0]!;
    expect(f.packages.map((p) => p.contents)).toEqual([
      [{ lineRef: '1', sku: 'WIDGET-BLUE', quantity: 2, lotSerialNbr: 'LOT-A' }],
      [{ lineRef: '2', sku: 'GADGET-RED', quantity: 1, lotSerialNbr: 'LOT-R' }],
      [1, 2, 3].map((i) => ({ lineRef: '3', sku: 'GIZMO-XL', quantity: 1, lotSerialNbr: `SN${i}` })),
    ]);
    expect(f.lines).toEqual([
      { lineRef: '1', sku: 'WIDGET-BLUE', quantity: 2, lotSerials: [{ lotSerialNbr: 'LOT-A', quantity: 2 }] },
      { lineRef: '2', sku: 'GADGET-RED', quantity: 1, lotSerials: [{ lotSerialNbr: 'LOT-R', quantity: 1 }] },
      { lineRef: '3', sku: 'GIZMO-XL', quantity: 3, lotSerials: [1, 2, 3].map((i) => ({ lotSerialNbr: `SN${i}`, quantity: 1 })) },
    ]);
  });

  test('serial numbers that do not match the units shipped are refused', () => {
    const text = inbound('SW', [{ id: '945', control: '0001', body: [W06, ...LX(1, 'W12*CC*3*3*0*EA**VN*GIZMO-XL', 'N9*SE*SN1', 'N9*SE*SN2')] }]);
    expect(parse(text).result.errors.join()).toMatch(/ships 3 units but has 2 serial numbers/);
  });
});

describe('940 and envelope writing (item 7)', () => {
  test('an order without any address value gets no N4 (a bare N4~ is misread by node-x12)', () => {
    const profile = profileOf();
    const body = render940Body(
      sampleOrder({ shipTo: { address: { line1: '', line2: '', city: '', state: '', postalCode: '', country: '' }, contact: { name: 'Jane', company: '', phone: '', email: '' } } }),
      'new', profile, separators(profile),
    );
    const tags = body.map((s) => writeSegment(s, separators(profile)));
    expect(tags.some((t) => t.startsWith('N4'))).toBe(false);
    expect(tags.every((t) => t.includes('*'))).toBe(true);
  });

  test('ISA11 (repetition separator, 00402 on) never equals the component separator', () => {
    const env: Envelope = {
      sender: { qualifier: 'ZZ', id: 'A' }, receiver: { qualifier: 'ZZ', id: 'B' }, gsSender: 'A', gsReceiver: 'B', version: '005010', usage: 'T',
      date: new Date('2026-01-01T00:00:00Z'), isaControl: 1, separators: { element: '*', segment: '~', component: '^' }, newlineAfterSegment: false,
    };
    const isa = writeIsa(env);
    expect(isa.split('*')[11]).not.toBe('^');
    expect(isa[104]).toBe('^');
    expect(new Set([isa[3], isa.split('*')[11], isa[104], isa[105]]).size).toBe(4);
  });
});

describe('acknowledgement status of our 940s (item 6)', () => {
  test.each([
    ['AK5*A', 'AK9*A*1*1*1', 'accepted'],
    ['AK5*E', 'AK9*E*1*1*1', 'accepted-with-errors'],
    ['AK5*R*5', 'AK9*R*1*1*0', 'rejected'],
  ])('a 997 with %s keeps the status %s', (ak5, ak9, status) => {
    const state = new MemoryState();
    const format = createX12Format(profileOf());
    format.renderOrder(order, 'new', 1, ctxOf(state));
    expect(ackStatusOf(state, 1)).toBe('none');
    const r = format.parseInbound('997.edi', Buffer.from(inbound('FA', [{ id: '997', control: '0001', body: ['AK1*OW*1', 'AK2*940*0001', ak5, ak9] }], 77)), lookup, ctxOf(state));
    expect(r.errors).toEqual([]);
    expect(ackStatusOf(state, 1)).toBe(status);
  });

  test('after the window (default 24 h) the order is flagged; not before', () => {
    const state = new MemoryState();
    const format = createX12Format(profileOf());
    format.renderOrder(order, 'new', 1, ctxOf(state));
    expect(format.attention!(ctxOf(state, new Date(FIXED_NOW.getTime() + 23.9 * 3_600_000)))).toEqual([]);
    const notes = format.attention!(ctxOf(state, new Date(FIXED_NOW.getTime() + 24 * 3_600_000)));
    expect(notes).toEqual([{ orderRef: 'SO-100045', reason: 'ack-overdue', note: expect.stringMatching(/interchange 000000001, group 1\) after 24 h/) }]);
  });
});
