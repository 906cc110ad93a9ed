import { describe, expect, it } from 'vitest';
import { importFilter } from '../../../main/core/acumatica/import.js';
import { anyOf, dateTimeOffset, literal, queryString } from '../../../main/core/acumatica/odata.js';
import { acumaticaSettingsSchema } from '../../../main/core/settings/schema.js';
import { matches, parseFilter } from '../../fakes/acumatica/filter.js';

const settings = (extra: Record<string, unknown> = {}) =>
  acumaticaSettingsSchema.parse({ url: 'https://x.example', clientId: '8E0761D9-F4EC-2D4B-A60F-BCE2708C6FDD@Co', username: 'u', ...extra });

describe('OData building', () => {
  it('quotes literals and writes explicit offsets', () => {
    expect(literal("O'Brien")).toBe("'O''Brien'");
    expect(dateTimeOffset(Date.UTC(2024, 6, 15, 10, 31, 28, 402))).toBe("datetimeoffset'2024-07-15T10:31:28.402+00:00'");
    expect(anyOf('Status', ['Open', 'Back Order'])).toBe("(Status eq 'Open' or Status eq 'Back Order')");
  });
  it('encodes + and spaces unambiguously', () => {
    expect(queryString({ $filter: "A gt datetimeoffset'2024-01-01T00:00:00+00:00'", $top: 5, $skip: undefined })).toBe(
      '?$filter=A%20gt%20datetimeoffset\'2024-01-01T00%3A00%3A00%2B00%3A00\'&$top=5',
    );
  });
  it('full imports filter on status and scope; incremental ones drop the status and subtract the overlap', () => {
    const s = settings({ statuses: ['Open', 'Back Order'], orderTypes: ['SO'] });
    expect(importFilter(s, null)).toBe("(Status eq 'Open' or Status eq 'Back Order') and OrderType eq 'SO'");
    expect(importFilter(s, '2024-07-15T10:31:28.402+03:00')).toBe("LastModified gt datetimeoffset'2024-07-15T07:29:28.402+00:00' and OrderType eq 'SO'");
    const sh = settings({ mode: 'shipments', warehouseId: 'EAST', overlapSeconds: 0 });
    expect(importFilter(sh, '2024-07-15T10:31:28Z')).toBe(
      "LastModifiedDateTime gt datetimeoffset'2024-07-15T10:31:28.000+00:00' and Operation eq 'Issue' and Type eq 'Shipment' and WarehouseID eq 'EAST'",
    );
  });
  it('the double reads what the client writes', () => {
    const rec = { Status: 'Back Order', OrderType: 'SO', LastModified: '2024-07-15T10:00:00+00:00' };
    expect(matches(parseFilter(importFilter(settings({ statuses: ['Open', 'Back Order'] }), null)), rec)).toBe(true);
    expect(matches(parseFilter("LastModified gt datetimeoffset'2024-07-15T12:59:59+03:00'"), rec)).toBe(true);
    expect(matches(parseFilter("LastModified gt datetimeoffset'2024-07-15T13:00:00+03:00'"), rec)).toBe(false);
    expect(matches(parseFilter("not (Status eq 'Open') and startswith(OrderType,'s')"), rec)).toBe(true);
    expect(() => parseFilter("Status eq")).toThrow();
  });
});
