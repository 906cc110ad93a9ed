// The import's $select/$expand come from one field list (query-fields.ts). These checks keep it honest: every field
// records.ts parses is asked for (else $select would leave it out and it would always read as empty), and every name
// exists in Acumatica's published Default 24.200.001 schema (/work/shared/acumatica/openapi).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { expandOf, salesOrderFields, selectOf, shipmentFields, type FieldTree } from '../../../main/core/acumatica/query-fields.js';
import { salesOrderRecord, shipmentRecord } from '../../../main/core/acumatica/records.js';

/** Nested entities records.ts reads outside the import (write-back look-ups, other builds' shapes). */
const notImported = new Set(['SalesOrder.Shipments', 'Shipment.ShipToAddress', 'Shipment.ShipToContact']);

/** Field paths of a records.ts schema: plain fields, and the fields of nested objects / lists of objects. */
function recordPaths(schema: z.ZodType, prefix: string, out: string[] = []): string[] {
  let s: z.ZodType = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
    else if (s instanceof z.ZodArray) s = s.element as z.ZodType;
    else break;
  }
  if (!(s instanceof z.ZodObject)) return out;
  for (const [key, child] of Object.entries(s.shape)) {
    if (key === 'id') continue;
    const path = prefix ? `${prefix}/${key}` : key;
    const before = out.length;
    recordPaths(child, path, out);
    if (out.length === before && !isNested(child)) out.push(path);
  }
  return out;
}

function isNested(schema: z.ZodType): boolean {
  let s: z.ZodType = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodArray) s = (s instanceof z.ZodArray ? s.element : s.unwrap()) as z.ZodType;
  // A wrapped value is {value: …} piped through a transform; a nested entity is an object with its own fields.
  return s instanceof z.ZodObject && !('value' in (s.shape as object));
}

const openapi = JSON.parse(readFileSync('/work/shared/acumatica/openapi/Default_24.200.001.json', 'utf8')) as {
  components: { schemas: Record<string, { allOf?: { properties?: Record<string, unknown> }[]; properties?: Record<string, unknown> }> };
};
function propsOf(name: string): Record<string, unknown> {
  const schema = openapi.components.schemas[name];
  if (!schema) throw new Error(`no schema ${name}`);
  return Object.assign({}, ...(schema.allOf ?? [schema]).map((p) => p.properties ?? {})) as Record<string, unknown>;
}
function refOf(prop: unknown): string {
  const m = /#\/components\/schemas\/(\w+)/.exec(JSON.stringify(prop));
  if (!m?.[1]) throw new Error(`no reference in ${JSON.stringify(prop)}`);
  return m[1];
}
function checkAgainstSchema(tree: FieldTree, schemaName: string, where: string): string[] {
  const props = propsOf(schemaName);
  const missing = tree.fields.filter((f) => !(f in props)).map((f) => `${where}/${f}`);
  for (const [name, child] of Object.entries(tree.nested ?? {})) {
    if (!(name in props)) missing.push(`${where}/${name}`);
    else missing.push(...checkAgainstSchema(child, refOf(props[name]), `${where}/${name}`));
  }
  return missing;
}

describe('the import field list', () => {
  it.each([
    ['SalesOrder', salesOrderRecord, salesOrderFields],
    ['Shipment', shipmentRecord, shipmentFields],
  ] as const)('%s: $select names every field records.ts parses', (entity, schema, tree) => {
    const selected = new Set(selectOf(tree).split(','));
    const wanted = recordPaths(schema, '').filter((p) => !notImported.has(`${entity}.${p.split('/')[0]}`));
    expect(wanted.filter((p) => !selected.has(p))).toEqual([]);
  });

  it('every field and entity exists in Default 24.200.001', () => {
    expect(checkAgainstSchema(salesOrderFields, 'SalesOrder', 'SalesOrder')).toEqual([]);
    expect(checkAgainstSchema(shipmentFields, 'Shipment', 'Shipment')).toEqual([]);
  });

  it('names parents before children in $expand, as contract version 4 needs', () => {
    expect(expandOf(shipmentFields)).toBe('ShippingSettings,ShippingSettings/ShipToAddress,ShippingSettings/ShipToContact,Details,Details/Allocations,Orders,Packages,Packages/PackageContents');
    expect(selectOf(salesOrderFields)).toContain('ShipToAddress/City');
  });
});
