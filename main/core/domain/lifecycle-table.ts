// The lifecycle table as Markdown, for README's "How it works" (a test checks the README holds exactly this, so the
// documentation cannot drift from the code).
import { LIFECYCLE, ORDER_EVENTS, type Move } from './lifecycle.js';
import { FAILED_STATES, ORDER_STATES, type OrderState } from './states.js';

const code = (s: string): string => `\`${s}\``;

function fromText(from: readonly OrderState[]): string {
  if (from.length === ORDER_STATES.length) return 'any state';
  const missing = ORDER_STATES.filter((s) => !from.includes(s));
  if (missing.length <= 2) return `any but ${missing.map(code).join(', ')}`;
  return from.map(code).join(', ');
}

export function lifecycleMarkdown(): string {
  const rows = ORDER_EVENTS.map((event) => {
    const move: Move = LIFECYCLE[event];
    return `| ${code(event)} | ${fromText(move.from)} | ${move.to === 'unchanged' ? '(unchanged)' : code(move.to)} | ${move.what} |`;
  });
  return [
    `States: ${ORDER_STATES.map(code).join(', ')}. A new order enters as ${code('awaiting-wms')} (or ${code('held')} when its record cannot be read).`,
    `A failed step has its own state: ${FAILED_STATES.map(code).join(', ')}; ${code('failed')} in the CLI (${code('orders --state failed')}, ${code('retry --all-failed')}) and in ${code('status --json')} counts means all three.`,
    '',
    '| event | from | to | when |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
}
