import { describe, expect, it } from 'vitest';
import type { Api } from '../../../main/core/acumatica/api.js';
import { importDocuments } from '../../../main/core/acumatica/import.js';
import { acumaticaSettingsSchema } from '../../../main/core/settings/schema.js';

const settings = acumaticaSettingsSchema.parse({ url: 'https://x.example', clientId: '8E0761D9-F4EC-2D4B-A60F-BCE2708C6FDD@Co', username: 'u' });
const PAGE_SIZE = settings.pageSize;
const so = (nbr: string, lastModified: string, qty: number) => ({
  OrderType: { value: 'SO' },
  OrderNbr: { value: nbr },
  Status: { value: 'Open' },
  LastModified: { value: lastModified },
  ShipToAddress: { Country: { value: 'US' } },
  Details: [{ LineNbr: { value: 1 }, InventoryID: { value: 'A  ' }, OrderQty: { value: qty }, OpenQty: { value: qty } }],
});

describe('importDocuments', () => {
  it('keeps the newest copy of a record seen on two pages and returns the max change stamp as cursor', async () => {
    const pages: unknown[][] = [
      [...Array.from({ length: PAGE_SIZE - 1 }, (_, i) => so(String(i + 100), '2024-01-01T00:00:00+00:00', 1)), so('1', '2024-01-02T00:00:00+00:00', 1)],
      [so('1', '2024-01-02T05:00:00+02:00', 7), so('2', '2024-01-01T12:00:00+00:00', 1)],
    ];
    let call = 0;
    const api: Api = { call: async () => ({ status: 200, headers: {}, data: pages[call++] }), action: async () => undefined };
    const result = await importDocuments({ api, basePath: async () => '/entity/Default/24.200.001', settings }, { since: null });
    expect(call).toBe(2);
    expect(result.orders).toHaveLength(PAGE_SIZE + 1);
    expect(result.orders.find((o) => o.ref === 'SO-1')!.lines[0]!.quantity).toBe(7);
    expect(result.cursor).toBe('2024-01-02T05:00:00+02:00');
  });
  it('an empty poll keeps the previous cursor', async () => {
    const api: Api = { call: async () => ({ status: 200, headers: {}, data: [] }), action: async () => undefined };
    const result = await importDocuments({ api, basePath: async () => '/b', settings }, { since: '2024-01-01T00:00:00+00:00' });
    expect(result).toEqual({ orders: [], held: [], cursor: '2024-01-01T00:00:00+00:00' });
  });
});
