// OData v3 $filter as the contract-based API reads it: and/or/not, eq ne gt ge lt le, startswith, substringof,
// 'text', datetimeoffset'…', datetime'…', numbers, true/false/null. Header fields only (no detail filtering).

export class FilterError extends Error {}

type Literal = { kind: 'lit'; value: string | number | boolean | null; date: boolean; offset: boolean };
type Node =
  | { kind: 'and' | 'or'; left: Node; right: Node }
  | { kind: 'not'; inner: Node }
  | { kind: 'cmp'; op: string; field: string; lit: Literal }
  | { kind: 'fn'; name: string; field: string; text: string };

const tokenRe = /\s*(?:(\()|(\))|(,)|(datetimeoffset|datetime|guid)'([^']*)'|'((?:[^']|'')*)'|(-?\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_/]*))/y;

type Token = { t: '(' | ')' | ',' | 'typed' | 'str' | 'num' | 'id'; v: string; kind?: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  tokenRe.lastIndex = 0;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    tokenRe.lastIndex = pos;
    const m = tokenRe.exec(src);
    if (!m) throw new FilterError(`Invalid $filter near "${src.slice(pos, pos + 20)}"`);
    pos = tokenRe.lastIndex;
    if (m[1]) out.push({ t: '(', v: '(' });
    else if (m[2]) out.push({ t: ')', v: ')' });
    else if (m[3]) out.push({ t: ',', v: ',' });
    else if (m[4]) out.push({ t: 'typed', v: m[5] ?? '', kind: m[4] });
    else if (m[6] !== undefined) out.push({ t: 'str', v: m[6].replace(/''/g, "'") });
    else if (m[7]) out.push({ t: 'num', v: m[7] });
    else out.push({ t: 'id', v: m[8] ?? '' });
  }
  return out;
}

export function parseFilter(src: string): Node {
  const tokens = tokenize(src);
  let i = 0;
  const peek = (): Token | undefined => tokens[i];
  const next = (): Token => {
    const t = tokens[i++];
    if (!t) throw new FilterError('Unexpected end of $filter');
    return t;
  };
  const expect = (t: Token['t']): Token => {
    const tok = next();
    if (tok.t !== t) throw new FilterError(`Expected ${t} in $filter, got "${tok.v}"`);
    return tok;
  };
  const literal = (): Literal => {
    const tok = next();
    if (tok.t === 'str') return { kind: 'lit', value: tok.v, date: false, offset: false };
    if (tok.t === 'num') return { kind: 'lit', value: Number(tok.v), date: false, offset: false };
    if (tok.t === 'typed') {
      if (tok.kind === 'guid') return { kind: 'lit', value: tok.v, date: false, offset: false };
      const offset = /(Z|[+-]\d{2}:\d{2})$/.test(tok.v);
      if (Number.isNaN(Date.parse(offset ? tok.v : `${tok.v}Z`))) throw new FilterError(`Invalid date literal ${tok.v}`);
      return { kind: 'lit', value: tok.v, date: true, offset };
    }
    if (tok.t === 'id' && (tok.v === 'true' || tok.v === 'false')) return { kind: 'lit', value: tok.v === 'true', date: false, offset: false };
    if (tok.t === 'id' && tok.v === 'null') return { kind: 'lit', value: null, date: false, offset: false };
    throw new FilterError(`Expected a value in $filter, got "${tok.v}"`);
  };
  const primary = (): Node => {
    const tok = next();
    if (tok.t === '(') {
      const e = or();
      expect(')');
      return e;
    }
    if (tok.t !== 'id') throw new FilterError(`Unexpected "${tok.v}" in $filter`);
    if (tok.v === 'not') return { kind: 'not', inner: primary() };
    if (tok.v === 'startswith' || tok.v === 'endswith') {
      expect('(');
      const field = expect('id').v;
      expect(',');
      const text = expect('str').v;
      expect(')');
      return { kind: 'fn', name: tok.v, field, text };
    }
    if (tok.v === 'substringof') {
      expect('(');
      const text = expect('str').v;
      expect(',');
      const field = expect('id').v;
      expect(')');
      return { kind: 'fn', name: tok.v, field, text };
    }
    const op = expect('id').v;
    if (!['eq', 'ne', 'gt', 'ge', 'lt', 'le'].includes(op)) throw new FilterError(`Unknown operator "${op}" in $filter`);
    return { kind: 'cmp', op, field: tok.v, lit: literal() };
  };
  const and = (): Node => {
    let left = primary();
    while (peek()?.t === 'id' && peek()?.v === 'and') {
      i++;
      left = { kind: 'and', left, right: primary() };
    }
    return left;
  };
  const or = (): Node => {
    let left = and();
    while (peek()?.t === 'id' && peek()?.v === 'or') {
      i++;
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };
  const tree = or();
  if (i !== tokens.length) throw new FilterError(`Unexpected "${tokens[i]?.v}" in $filter`);
  return tree;
}

/** Date literals the client sent without an explicit offset (the real server's reading of those is unclear). */
export function literalsWithoutOffset(node: Node): number {
  switch (node.kind) {
    case 'and':
    case 'or':
      return literalsWithoutOffset(node.left) + literalsWithoutOffset(node.right);
    case 'not':
      return literalsWithoutOffset(node.inner);
    case 'cmp':
      return node.lit.date && !node.lit.offset ? 1 : 0;
    default:
      return 0;
  }
}

function fieldValue(rec: Record<string, unknown>, field: string): string | number | boolean | null {
  if (field.includes('/')) throw new FilterError(`Filtering by detail or linked fields (${field}) is not supported.`);
  if (!(field in rec)) throw new FilterError(`The field ${field} is not a field of this entity.`);
  const v = rec[field];
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
}

export function matches(node: Node, rec: Record<string, unknown>): boolean {
  switch (node.kind) {
    case 'and':
      return matches(node.left, rec) && matches(node.right, rec);
    case 'or':
      return matches(node.left, rec) || matches(node.right, rec);
    case 'not':
      return !matches(node.inner, rec);
    case 'fn': {
      const v = String(fieldValue(rec, node.field) ?? '').toLowerCase();
      const t = node.text.toLowerCase();
      return node.name === 'startswith' ? v.startsWith(t) : node.name === 'endswith' ? v.endsWith(t) : v.includes(t);
    }
    case 'cmp': {
      const raw = fieldValue(rec, node.field);
      let a: number | string | boolean | null;
      let b: number | string | boolean | null;
      if (node.lit.date) {
        a = typeof raw === 'string' && raw ? Date.parse(raw) : null;
        const lit = String(node.lit.value);
        b = Date.parse(node.lit.offset ? lit : `${lit}Z`);
      } else if (typeof node.lit.value === 'string') {
        a = String(raw ?? '').trim().toLowerCase();
        b = node.lit.value.trim().toLowerCase();
      } else {
        a = raw;
        b = node.lit.value;
      }
      if (a === null || b === null) return node.op === 'eq' ? a === b : node.op === 'ne' ? a !== b : false;
      switch (node.op) {
        case 'eq':
          return a === b;
        case 'ne':
          return a !== b;
        case 'gt':
          return a > b;
        case 'ge':
          return a >= b;
        case 'lt':
          return a < b;
        default:
          return a <= b;
      }
    }
  }
}

/** The fields a $filter compares, e.g. {Status, OrderType}. */
export function filterFields(node: Node, out: Set<string> = new Set()): Set<string> {
  switch (node.kind) {
    case 'and':
    case 'or':
      filterFields(node.left, out);
      filterFields(node.right, out);
      break;
    case 'not':
      filterFields(node.inner, out);
      break;
    default:
      out.add(node.field);
  }
  return out;
}
