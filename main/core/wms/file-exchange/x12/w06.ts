// W06-01 reporting code (element 514) of a 945 [FACTS.md section 3: F Full Detail, N No Exceptions, X Exceptions
// Only]. F: the W12s are the shipment. N: everything open shipped as ordered (W12s optional; any given must ship their
// line's whole open quantity). X: the W12s list only the exceptions; every line not listed shipped in full.
import type { OrderLine } from '../../../domain/index.js';

/**
 * Adds to `takenHere` (line ref -> quantity shipped by this 945) the lines N and X report as shipped in full without
 * listing them; returns the problems (empty when the code and the W12s agree).
 */
export function applyReportingCode(code: string, lines: readonly OrderLine[], taken: (l: OrderLine) => number, takenHere: Map<string, number>): string[] {
  if (code === 'F') return [];
  if (code !== 'N' && code !== 'X') return [`W06-01 reporting code "${code}" is not F (full detail), N (no exceptions) or X (exceptions only).`];
  const problems: string[] = [];
  for (const line of lines) {
    const open = line.quantity - taken(line);
    const listed = takenHere.has(line.lineRef);
    if (listed && code === 'N' && open > 1e-9) {
      problems.push(`W06-01 N (no exceptions) but line ${line.lineRef} (${line.sku}) ships ${takenHere.get(line.lineRef)} of ${line.quantity}: send W06*F with the quantities shipped.`);
    } else if (!listed && open > 1e-9) {
      takenHere.set(line.lineRef, open);
    }
  }
  return problems;
}
