// X12 text -> typed interchanges, 945s and 997s. node-x12 (string mode, strict) checks the envelope and counts;
// we add what it lets through (missing SE/GE/IEA, unpadded ISA) and walk the segments with our own small mapper.
import { X12FatInterchange, X12Parser, type X12Interchange, type X12Segment } from 'node-x12';

export interface RawSegment {
  tag: string;
  /** el[0] is element 01. */
  el: string[];
}

export interface ParsedSet {
  id: string;
  control: string;
  /** Segments between ST and SE. */
  body: RawSegment[];
}

export interface ParsedGroup {
  functionalId: string;
  control: string;
  sender: string;
  receiver: string;
  version: string;
  sets: ParsedSet[];
}

export interface ParsedInterchange {
  senderQualifier: string;
  senderId: string;
  receiverQualifier: string;
  receiverId: string;
  /** ISA13, 9 digits. */
  control: string;
  usage: string;
  groups: ParsedGroup[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; errors: string[] };

function raw(s: X12Segment): RawSegment {
  return { tag: s.tag, el: s.elements.map((e) => e.value) };
}

/** e(seg, 1) = element 01, '' when absent. */
export function e(s: RawSegment | undefined, n: number): string {
  return s?.el[n - 1]?.trim() ?? '';
}

function checkIsa(text: string): string[] {
  if (!text.startsWith('ISA')) return ['The file does not start with an ISA segment: it is not an X12 interchange.'];
  if (text.length < 106) return ['The file is shorter than an ISA segment (106 characters): the interchange is cut off.'];
  const sep = text[3] ?? '*';
  const parts = text.slice(0, 106).split(sep);
  if (parts.length !== 17 || text[105] === sep) {
    return [
      'The ISA segment is not the fixed 106 characters (ISA06/ISA08 must be padded to 15 with spaces, ISA13 to 9 digits). Ask the partner to fix their envelope.',
    ];
  }
  return [];
}

function interchangeOf(ic: X12Interchange): Result<ParsedInterchange> {
  const h = ic.header.elements.map((x) => x.value);
  const control = (h[12] ?? '').trim().padStart(9, '0');
  const errors: string[] = [];
  if (!ic.trailer) errors.push(`Interchange ${control} has no IEA trailer: the file is cut off or broken.`);
  const groups: ParsedGroup[] = [];
  for (const g of ic.functionalGroups) {
    const gh = g.header.elements.map((x) => x.value);
    const gsControl = gh[5] ?? '';
    if (!g.trailer) errors.push(`Functional group ${gsControl} has no GE trailer: the file is cut off or broken.`);
    const sets: ParsedSet[] = [];
    for (const t of g.transactions) {
      const th = t.header.elements.map((x) => x.value);
      const st = th[1] ?? '';
      if (!t.trailer) errors.push(`Transaction set ${th[0] ?? '?'} ${st} has no SE trailer: the file is cut off or broken.`);
      sets.push({ id: th[0] ?? '', control: st, body: t.segments.map(raw) });
    }
    groups.push({ functionalId: gh[0] ?? '', control: gsControl, sender: (gh[1] ?? '').trim(), receiver: (gh[2] ?? '').trim(), version: gh[7] ?? '', sets });
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      senderQualifier: (h[4] ?? '').trim(),
      senderId: (h[5] ?? '').trim(),
      receiverQualifier: (h[6] ?? '').trim(),
      receiverId: (h[7] ?? '').trim(),
      control,
      usage: (h[14] ?? '').trim(),
      groups,
    },
  };
}

/** Parses a whole file (one or several concatenated interchanges). Never throws. */
export function parseInterchanges(content: string): Result<ParsedInterchange[]> {
  const text = content.replace(/^\uFEFF/, '').replace(/^\s+/, '');
  const isaErrors = checkIsa(text);
  if (isaErrors.length > 0) return { ok: false, errors: isaErrors };
  let parsed: X12Interchange | X12FatInterchange;
  try {
    parsed = new X12Parser(true).parse(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    return { ok: false, errors: [`Broken X12 envelope: ${msg}`] };
  }
  const list = parsed instanceof X12FatInterchange ? parsed.interchanges : [parsed];
  const out: ParsedInterchange[] = [];
  const errors: string[] = [];
  for (const ic of list) {
    const r = interchangeOf(ic);
    if (r.ok) out.push(r.value);
    else errors.push(...r.errors);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: out };
}

// ---- 945 ----

export interface Ref {
  qualifier: string;
  value: string;
}

export interface Edi945Item {
  status: string;
  ordered: string;
  shipped: string;
  unit: string;
  upc: string;
  itemQualifier: string;
  itemId: string;
  weight: string;
  weightQualifier: string;
  weightUnit: string;
  /** W12-09 warehouse lot number, '' when absent. */
  lot: string;
  description: string;
  refs: Ref[];
}

export interface Edi945Carton {
  /** LX01, or '' for items sent outside any LX loop. */
  lx: string;
  /** MAN pairs (MAN01/02 and MAN04/05) in order. */
  marks: Ref[];
  refs: Ref[];
  items: Edi945Item[];
}

export interface Edi945 {
  reportingCode: string;
  orderRef: string;
  /** CCYYMMDD from W06-03, else G62*11. */
  shipDate: string;
  shipmentId: string;
  poNumber: string;
  refs: Ref[];
  carrier: { method: string; scac: string; routing: string };
  cartons: Edi945Carton[];
  totals: { units: string; weight: string; weightUnit: string; cartons: string } | null;
}

function emptyItem(s: RawSegment): Edi945Item {
  return {
    status: e(s, 1), ordered: e(s, 2), shipped: e(s, 3), unit: e(s, 5), upc: e(s, 6), itemQualifier: e(s, 7), itemId: e(s, 8),
    weight: e(s, 10), weightQualifier: e(s, 11), weightUnit: e(s, 12), lot: e(s, 9), description: '', refs: [],
  };
}

/** Walks a 945 body: header, LX loops (MAN, N9, W12 loops with G69/N9), W03. */
export function parse945(set: ParsedSet): Result<Edi945> {
  const w06 = set.body.find((s) => s.tag === 'W06');
  if (!w06) return { ok: false, errors: [`945 ${set.control} has no W06 segment (mandatory).`] };
  const doc: Edi945 = {
    reportingCode: e(w06, 1), orderRef: e(w06, 2), shipDate: e(w06, 3), shipmentId: e(w06, 4), poNumber: e(w06, 6),
    refs: [], carrier: { method: '', scac: '', routing: '' }, cartons: [], totals: null,
  };
  let carton: Edi945Carton | null = null;
  let item: Edi945Item | null = null;
  for (const s of set.body) {
    switch (s.tag) {
      case 'G62':
        if (e(s, 1) === '11' && doc.shipDate === '') doc.shipDate = e(s, 2);
        break;
      case 'W27':
        // W27 is a header segment of the 945 (position 0110, before the LX loop [FACTS.md section 3, bots-grammars
        // 945004010]). One inside the detail (a partner's per-line carrier) must not overwrite the header carrier.
        if (carton === null && doc.carrier.method === '' && doc.carrier.scac === '' && doc.carrier.routing === '') {
          doc.carrier = { method: e(s, 1), scac: e(s, 2), routing: e(s, 3) };
        }
        break;
      case 'LX':
        carton = { lx: e(s, 1), marks: [], refs: [], items: [] };
        doc.cartons.push(carton);
        item = null;
        break;
      case 'MAN':
        if (carton) {
          if (e(s, 1) !== '') carton.marks.push({ qualifier: e(s, 1), value: e(s, 2) });
          if (e(s, 4) !== '') carton.marks.push({ qualifier: e(s, 4), value: e(s, 5) });
        }
        break;
      case 'W12':
        if (!carton) {
          carton = { lx: '', marks: [], refs: [], items: [] };
          doc.cartons.push(carton);
        }
        item = emptyItem(s);
        carton.items.push(item);
        break;
      case 'G69':
        if (item) item.description = item.description ? `${item.description} ${e(s, 1)}` : e(s, 1);
        break;
      case 'N9': {
        const ref = { qualifier: e(s, 1), value: e(s, 2) };
        if (item) item.refs.push(ref);
        else if (carton) carton.refs.push(ref);
        else doc.refs.push(ref);
        break;
      }
      case 'W03':
        doc.totals = { units: e(s, 1), weight: e(s, 2), weightUnit: e(s, 3), cartons: e(s, 6) };
        break;
      default:
        break;
    }
  }
  return { ok: true, value: doc };
}

// ---- 997 ----

export interface Edi997SegmentError {
  segment: string;
  position: string;
  code: string;
  elements: { position: string; reference: string; code: string; data: string }[];
}

export interface Edi997Set {
  setId: string;
  control: string;
  /** AK501, '' when the partner sent no AK5. */
  status: string;
  /** AK502..AK506. */
  codes: string[];
  segmentErrors: Edi997SegmentError[];
}

export interface Edi997 {
  /** AK101 / AK102: the group acknowledged. */
  functionalId: string;
  groupControl: string;
  sets: Edi997Set[];
  /** AK901, and AK905.. codes. */
  groupStatus: string;
  groupCodes: string[];
}

export function parse997(set: ParsedSet): Result<Edi997> {
  const ak1 = set.body.find((s) => s.tag === 'AK1');
  const ak9 = set.body.find((s) => s.tag === 'AK9');
  if (!ak1 || !ak9) return { ok: false, errors: [`997 ${set.control} lacks ${ak1 ? 'AK9' : 'AK1'} (mandatory).`] };
  const doc: Edi997 = {
    functionalId: e(ak1, 1), groupControl: e(ak1, 2), sets: [],
    groupStatus: e(ak9, 1), groupCodes: [5, 6, 7, 8, 9].map((n) => e(ak9, n)).filter((c) => c !== ''),
  };
  let current: Edi997Set | null = null;
  let segErr: Edi997SegmentError | null = null;
  for (const s of set.body) {
    if (s.tag === 'AK2') {
      current = { setId: e(s, 1), control: e(s, 2), status: '', codes: [], segmentErrors: [] };
      doc.sets.push(current);
      segErr = null;
    } else if (s.tag === 'AK3' && current) {
      segErr = { segment: e(s, 1), position: e(s, 2), code: e(s, 4), elements: [] };
      current.segmentErrors.push(segErr);
    } else if (s.tag === 'AK4' && segErr) {
      segErr.elements.push({ position: e(s, 1), reference: e(s, 2), code: e(s, 3), data: e(s, 4) });
    } else if (s.tag === 'AK5' && current) {
      current.status = e(s, 1);
      current.codes = [2, 3, 4, 5, 6].map((n) => e(s, n)).filter((c) => c !== '');
    }
  }
  return { ok: true, value: doc };
}
