// Set-level syntax checks of an inbound 945, as a 4010 translator makes them before the 997: the answer for each set
// is AK5*A (the set parses) or AK5*R with AK3/AK4 naming the segment and element in error. Business checks (is the
// order ours, are the quantities open) come after and never change the 997 (issue #15 item 5).
// Codes: AK304 element 720, AK403 element 723, AK502 element 718 (see codes.ts); positions count ST as 1
// [FACTS.md section 4; bots-grammars 997004010].
import { e, type ParsedSet, type RawSegment } from './parse.js';

export interface ElementError {
  /** AK401 position of the element in the segment. */
  position: number;
  /** AK402 data element reference number. */
  reference: string;
  /** AK403 error code. */
  code: string;
  /** AK404 copy of the bad data ('' when missing). */
  data: string;
}

export interface SegmentError {
  /** AK301 segment id. */
  tag: string;
  /** AK302 position in the set, ST = 1. */
  position: number;
  /** AK304 error code. */
  code: string;
  elements: ElementError[];
}

export interface SetAck {
  id: string;
  control: string;
  /** AK501. */
  status: 'A' | 'R';
  /** AK502.. codes. */
  codes: string[];
  segmentErrors: SegmentError[];
}

const REPORTING_CODES = new Set(['F', 'N', 'X']);
const DATE = /^\d{8}$/;
const DECIMAL = /^-?\d*\.?\d+$/;

function validDate(v: string): boolean {
  if (!DATE.test(v)) return false;
  const iso = `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso);
}

function elementErrors(s: RawSegment): ElementError[] {
  const out: ElementError[] = [];
  const bad = (position: number, reference: string, code: string): void => {
    out.push({ position, reference, code, data: e(s, position) });
  };
  if (s.tag === 'W06') {
    if (e(s, 1) === '') bad(1, '514', '1');
    else if (!REPORTING_CODES.has(e(s, 1))) bad(1, '514', '7');
    if (e(s, 3) !== '' && !validDate(e(s, 3))) bad(3, '373', '8');
  } else if (s.tag === 'W12') {
    if (e(s, 1) === '') bad(1, '368', '1');
    for (const [pos, ref] of [[2, '382'], [3, '382'], [4, '382'], [10, '81']] as const) {
      if (e(s, pos) !== '' && !DECIMAL.test(e(s, pos))) bad(pos, ref, '6');
    }
  } else if (s.tag === 'W03') {
    if (e(s, 1) === '') bad(1, '382', '1');
    else if (!DECIMAL.test(e(s, 1))) bad(1, '382', '6');
  } else if (s.tag === 'G62' && e(s, 2) !== '' && !validDate(e(s, 2))) {
    bad(2, '373', '8');
  }
  return out;
}

/** The 997 answer for one set of an SW group. */
export function checkSet945(set: ParsedSet): SetAck {
  const ack: SetAck = { id: set.id, control: set.control, status: 'A', codes: [], segmentErrors: [] };
  if (set.id !== '945') return { ...ack, status: 'R', codes: ['1'] };
  if (!/^[0-9A-Za-z]{4,9}$/.test(set.control)) return { ...ack, status: 'R', codes: ['7'] };
  if (!set.body.some((s) => s.tag === 'W06')) ack.segmentErrors.push({ tag: 'W06', position: 2, code: '3', elements: [] });
  set.body.forEach((s, i) => {
    const elements = elementErrors(s);
    if (elements.length > 0) ack.segmentErrors.push({ tag: s.tag, position: i + 2, code: '8', elements });
  });
  return ack.segmentErrors.length > 0 ? { ...ack, status: 'R', codes: ['5'] } : ack;
}

const AK3_WORDS: Record<string, string> = { '3': 'mandatory segment missing', '8': 'has data element errors' };
const AK4_WORDS: Record<string, string> = { '1': 'is missing', '6': 'is not a number', '7': 'is not a valid code', '8': 'is not a valid CCYYMMDD date' };

/** Operator wording for a rejected set. */
export function describeSetAck(ack: SetAck): string {
  if (ack.codes.includes('1')) return `a ${ack.id || '?'} set is not a 945`;
  if (ack.codes.includes('7')) return `ST02 "${ack.control}" is not 4-9 letters or digits`;
  return ack.segmentErrors
    .map((se) =>
      se.elements.length === 0
        ? `${se.tag} ${AK3_WORDS[se.code] ?? `error ${se.code}`}`
        : se.elements.map((el) => `${se.tag}-${String(el.position).padStart(2, '0')} "${el.data}" ${AK4_WORDS[el.code] ?? `error ${el.code}`}`).join('; '),
    )
    .join('; ');
}
