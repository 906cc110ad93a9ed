// A small typed X12 writer: segments -> text. It pads the ISA to its fixed 106 characters, zero-pads control
// numbers, computes SE/GE/IEA counts and drops trailing empty elements. It refuses (throws) a separator inside data:
// callers clean free text with `cleanText` and check identifiers with `checkId` first, so a throw here is a bug.

export interface Separators {
  element: string;
  segment: string;
  component: string;
}

/** A simple element, or a composite (its components). */
export type Element = string | readonly string[];

export interface Segment {
  tag: string;
  elements: readonly Element[];
}

export function seg(tag: string, ...elements: Element[]): Segment {
  return { tag, elements };
}

export interface Party {
  qualifier: string;
  id: string;
}

export interface Envelope {
  sender: Party;
  receiver: Party;
  gsSender: string;
  gsReceiver: string;
  /** GS08, e.g. 004010; ISA12 is its first five characters. */
  version: string;
  usage: 'T' | 'P';
  /** ISA09/10 and GS04/05 are written in UTC. */
  date: Date;
  isaControl: number;
  separators: Separators;
  newlineAfterSegment: boolean;
}

export interface TransactionSet {
  /** ST01: 940, 945, 997. */
  id: string;
  /** ST02, 4-9 characters. */
  control: string;
  /** The segments between ST and SE. */
  body: readonly Segment[];
}

export interface Group {
  /** GS01: OW, SW, FA. */
  functionalId: string;
  control: number;
  sets: readonly TransactionSet[];
}

const MAX_CONTROL = 999_999_999;

export function padIsaControl(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > MAX_CONTROL) throw new Error(`X12 control number ${n} is outside 1..${MAX_CONTROL}`);
  return String(n).padStart(9, '0');
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

export function ediDate(d: Date): string {
  return `${d.getUTCFullYear()}${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())}`;
}

export function ediTime(d: Date): string {
  return `${pad2(d.getUTCHours())}${pad2(d.getUTCMinutes())}`;
}

function assertClean(value: string, seps: Separators, where: string): void {
  for (const s of [seps.element, seps.segment, seps.component]) {
    if (value.includes(s)) throw new Error(`X12 writer: ${where} contains the separator ${JSON.stringify(s)}`);
  }
}

/** One segment as text, without its terminator. Trailing empty elements and components are dropped. */
export function writeSegment(segment: Segment, seps: Separators): string {
  const values = segment.elements.map((el, i) => {
    const where = `${segment.tag}${pad2(i + 1)}`;
    if (typeof el === 'string') {
      assertClean(el, seps, where);
      return el;
    }
    const parts = [...el];
    while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
    for (const p of parts) assertClean(p, seps, where);
    return parts.join(seps.component);
  });
  while (values.length > 0 && values[values.length - 1] === '') values.pop();
  return [segment.tag, ...values].join(seps.element);
}

function isaField(value: string, width: number, name: string): string {
  if (value.length > width) throw new Error(`X12 writer: ${name} "${value}" is longer than ${width} characters`);
  return value.padEnd(width, ' ');
}

const REPETITION_CANDIDATES = ['^', '{', '!', '|', '`', '\\'];

/** ISA11 from 00402 on: `^` as usual, else the first candidate no other delimiter uses. */
export function repetitionSeparator(seps: Separators): string {
  const taken = new Set([seps.element, seps.segment, seps.component]);
  const free = REPETITION_CANDIDATES.find((c) => !taken.has(c));
  if (free === undefined) throw new Error('X12 writer: no free repetition separator');
  return free;
}

/** The ISA segment including its terminator: exactly 106 characters. */
export function writeIsa(env: Envelope): string {
  const { element: e, segment: t, component: c } = env.separators;
  const isa12 = env.version.slice(0, 5);
  // ISA11 is the standards id `U` up to 00401; later releases use it as the repetition separator, which must differ
  // from every other delimiter (a component separator `^` would otherwise make ISA11 `^` too).
  const isa11 = isa12 < '00402' ? 'U' : repetitionSeparator(env.separators);
  const fields = [
    'ISA', '00', ' '.repeat(10), '00', ' '.repeat(10),
    isaField(env.sender.qualifier, 2, 'ISA05'), isaField(env.sender.id, 15, 'ISA06'),
    isaField(env.receiver.qualifier, 2, 'ISA07'), isaField(env.receiver.id, 15, 'ISA08'),
    ediDate(env.date).slice(2), ediTime(env.date), isa11, isa12, padIsaControl(env.isaControl), '0', env.usage, c,
  ];
  for (const f of fields.slice(0, -1)) assertClean(f, env.separators, 'ISA');
  const isa = fields.join(e) + t;
  if (isa.length !== 106) throw new Error(`X12 writer: ISA is ${isa.length} characters, must be 106`);
  return isa;
}

/** A whole interchange as text. */
export function writeInterchange(env: Envelope, groups: readonly Group[]): string {
  const seps = env.separators;
  const eol = env.newlineAfterSegment && seps.segment !== '\n' ? '\n' : '';
  const out: string[] = [writeIsa(env) + eol];
  const line = (s: Segment): void => {
    out.push(writeSegment(s, seps) + seps.segment + eol);
  };
  for (const g of groups) {
    line(seg('GS', g.functionalId, env.gsSender, env.gsReceiver, ediDate(env.date), ediTime(env.date), String(g.control), 'X', env.version));
    for (const set of g.sets) {
      line(seg('ST', set.id, set.control));
      for (const s of set.body) line(s);
      line(seg('SE', String(set.body.length + 2), set.control));
    }
    line(seg('GE', String(g.sets.length), String(g.control)));
  }
  out.push(writeSegment(seg('IEA', String(groups.length), padIsaControl(env.isaControl)), seps) + seps.segment + eol);
  return out.join('');
}
