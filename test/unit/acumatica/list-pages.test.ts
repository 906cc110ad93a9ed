// Paging by key against the double's list rules (records in key order, filters read as the server reads them):
// whatever leaves or joins the list between two pages, every record that stays in it from start to end is read.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Api } from '../../../main/core/acumatica/api.js';
import { keyAfter, listByKey } from '../../../main/core/acumatica/list-pages.js';
import { salesOrderFields, salesOrderKey } from '../../../main/core/acumatica/query-fields.js';
import { answerList } from '../../fakes/acumatica/list-query.js';

interface Rec { id: string; OrderType: string; OrderNbr: string; Status: string }

function apiOver(records: Rec[], between: (page: number) => void): Api {
  let page = 0;
  return {
    call: async (req) => {
      const query = new URL(req.path, 'http://x').searchParams;
      const answer = answerList('SalesOrder', records, query, { rules: { nonOptimizable: {} }, selfOf: () => '', onLooseDates: () => undefined });
      between(page++);
      return { status: answer.status, headers: {}, data: answer.body };
    },
    action: async () => undefined,
  };
}

describe('keyAfter', () => {
  it('one key, two keys, and quotes in a key', () => {
    expect(keyAfter(['ShipmentNbr'], ['000123'])).toBe("ShipmentNbr gt '000123'");
    expect(keyAfter(['OrderType', 'OrderNbr'], ['SO', "O'1"])).toBe("(OrderType gt 'SO' or (OrderType eq 'SO' and OrderNbr gt 'O''1'))");
  });
});

describe('listByKey', () => {
  it('reads every record that stays in the list, across order types, whatever changes between pages (property)', async () => {
    const rec = fc.record({ OrderType: fc.constantFrom('SO', 'S2', 'RO'), OrderNbr: fc.integer({ min: 1, max: 400 }).map((n) => String(n).padStart(6, '0')) });
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(rec, { selector: (r) => `${r.OrderType}/${r.OrderNbr}`, minLength: 20, maxLength: 120, size: 'max' }),
        fc.integer({ min: 10, max: 30 }),
        fc.array(fc.tuple(fc.nat(), fc.boolean()), { maxLength: 40, size: 'max' }),
        async (keys, pageSize, changes) => {
          const records: Rec[] = keys.map((k, i) => ({ id: `id-${i}`, ...k, Status: 'Open' }));
          const stable = new Set(records.map((r) => r.id));
          const api = apiOver(records, (page) => {
            // Between pages: some orders leave "Open" (and may come back), some new ones join.
            for (const [n, leave] of changes.slice(page * 4, page * 4 + 4)) {
              const target = records[n % Math.max(records.length, 1)];
              if (leave && target) {
                target.Status = target.Status === 'Open' ? 'Completed' : 'Open';
                stable.delete(target.id);
              } else records.push({ id: `new-${page}-${n}`, OrderType: 'SO', OrderNbr: String(500 + n).padStart(6, '0'), Status: 'Open' });
            }
          });
          const seen = new Set<string>();
          const pages = listByKey(
            { api, base: '/entity/Default/24.200.001', keysFirst: { value: false } },
            { entity: 'SalesOrder', filter: "Status eq 'Open'", fields: salesOrderFields, key: salesOrderKey, pageSize },
          );
          for await (const page of pages) for (const r of page as { id: string }[]) seen.add(r.id);
          expect([...stable].filter((id) => !seen.has(id))).toEqual([]);
        },
      ),
      { numRuns: 150, seed: 14 },
    );
  });
});
