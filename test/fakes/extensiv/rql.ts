// A small RQL (FIQL-style) evaluator for the Extensiv double, after https://3w.extensiv.com/Rels/rql:
// `;` is AND, `,` is OR (AND binds tighter), parentheses group; operators == != =gt= =ge= =lt= =le= =in= =out=
// =hv=; property names and values are case-insensitive; `*` is a wildcard in strings; dates compare as dates.
// An unknown property is refused the way the API refuses it (QueryParameterException "Properties not supported").
// No more lenient than the page: it documents no quoting or escaping of values (a quote is refused here, so code
// that relies on quoting fails in tests), and `*` only as `x*`, `*x`, `*x*` (a `*` inside a value is refused).

export type Getter = (path: string) => unknown;

export class RqlError extends Error {
  constructor(message: string, readonly kind: 'NotParsable' | 'PropertyNotSupported' = 'NotParsable') {
    super(message);
  }
}

type Node =
  | { op: 'and' | 'or'; items: Node[] }
  | { op: 'cmp'; selector: string; cmp: string; values: string[] };

export function parseRql(text: string, supported: ReadonlySet<string>): Node {
  let pos = 0;
  const peek = (): string => text[pos] ?? '';

  function value(): string {
    const m = /^[^;,()]+/.exec(text.slice(pos));
    if (!m) throw new RqlError(`Value expected at ${pos}`);
    if (/["']/.test(m[0])) throw new RqlError(`Quoted values are not RQL: ${m[0]}`);
    if (/^\*?[^*]*\*?$/.test(m[0]) === false || m[0] === '**') throw new RqlError(`Wildcard * only at the start or end of a value: ${m[0]}`);
    pos += m[0].length;
    return m[0];
  }

  function comparison(): Node {
    const sel = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(pos));
    if (!sel) throw new RqlError(`Property expected at ${pos}`);
    pos += sel[0].length;
    const selector = sel[0].toLowerCase();
    if (!supported.has(selector)) throw new RqlError(`Properties not supported: ${sel[0]}`, 'PropertyNotSupported');
    const op = /^(==|!=|=[a-zA-Z]+=)/.exec(text.slice(pos));
    if (!op) throw new RqlError(`Operator expected at ${pos}`);
    pos += op[0].length;
    const cmp = op[0].toLowerCase();
    if (!['==', '!=', '=gt=', '=ge=', '=lt=', '=le=', '=in=', '=out=', '=hv='].includes(cmp)) throw new RqlError(`Unknown operator ${op[0]}`);
    const values: string[] = [];
    if (peek() === '(') {
      pos++;
      values.push(value());
      while (peek() === ',') {
        pos++;
        values.push(value());
      }
      if (peek() !== ')') throw new RqlError(`) expected at ${pos}`);
      pos++;
    } else {
      values.push(value());
    }
    return { op: 'cmp', selector, cmp, values };
  }

  function primary(): Node {
    if (peek() === '(') {
      pos++;
      const inner = or();
      if (peek() !== ')') throw new RqlError(`) expected at ${pos}`);
      pos++;
      return inner;
    }
    return comparison();
  }

  function and(): Node {
    const items = [primary()];
    while (peek() === ';') {
      pos++;
      items.push(primary());
    }
    return items.length === 1 ? (items[0] as Node) : { op: 'and', items };
  }

  function or(): Node {
    const items = [and()];
    while (peek() === ',') {
      pos++;
      items.push(and());
    }
    return items.length === 1 ? (items[0] as Node) : { op: 'or', items };
  }

  const node = or();
  if (pos !== text.length) throw new RqlError(`Unexpected "${text.slice(pos, pos + 10)}" at ${pos}`);
  return node;
}

/** Scalars as text; objects have no text form in RQL. */
export function text(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

function asDate(v: string): number {
  return Date.parse(/[zZ]|[+-]\d{2}:?\d{2}$/.test(v) ? v : `${v}Z`);
}

function compare(actual: unknown, wanted: string, selector: string): number {
  if (selector.includes('date')) return asDate(text(actual)) - asDate(wanted);
  if (typeof actual === 'number') return actual - Number(wanted);
  return text(actual).toLowerCase().localeCompare(wanted.toLowerCase());
}

function equals(actual: unknown, wanted: string, selector: string): boolean {
  if (actual === null || actual === undefined) return wanted.toLowerCase() === 'null';
  if (typeof actual === 'boolean' || typeof actual === 'number') return String(actual).toLowerCase() === wanted.toLowerCase();
  if (selector.includes('date') && !wanted.includes('*')) return asDate(text(actual)) === asDate(wanted);
  const pattern = new RegExp(`^${wanted.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 'is');
  return pattern.test(text(actual));
}

export function evaluate(node: Node, get: Getter): boolean {
  if (node.op !== 'cmp') return node.op === 'and' ? node.items.every((n) => evaluate(n, get)) : node.items.some((n) => evaluate(n, get));
  const actual = get(node.selector);
  const first = node.values[0] ?? '';
  switch (node.cmp) {
    case '==':
      return equals(actual, first, node.selector);
    case '!=':
      return !equals(actual, first, node.selector);
    case '=gt=':
      return compare(actual, first, node.selector) > 0;
    case '=ge=':
      return compare(actual, first, node.selector) >= 0;
    case '=lt=':
      return compare(actual, first, node.selector) < 0;
    case '=le=':
      return compare(actual, first, node.selector) <= 0;
    case '=in=':
      return node.values.some((v) => equals(actual, v, node.selector));
    case '=out=':
      return !node.values.some((v) => equals(actual, v, node.selector));
    case '=hv=':
      return (actual !== null && actual !== undefined && actual !== '') === (first.toLowerCase() === 'true');
    default:
      return false;
  }
}
