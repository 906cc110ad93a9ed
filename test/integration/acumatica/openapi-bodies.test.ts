// Every body the client PUTs or POSTs to the contract-based API must validate against Acumatica's own OpenAPI
// description (Default 24.200.001), resolved through its $refs.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LoggedRequest } from '../../fakes/acumatica/server.js';
import { fulfillmentFor } from './fulfillments.js';
import { entityRequests, useAcumatica } from './setup.js';

// Acumatica's published file (MIT, see the LICENSE beside it), kept with the tests so they need nothing outside the repo.
const OPENAPI = fileURLToPath(new URL('../../fixtures/acumatica-openapi/Default_24.200.001.json', import.meta.url));

interface OpenApi {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { $ref: string } }> } }>>;
  components: { schemas: Record<string, Schema> };
}

interface Schema {
  type?: string;
  properties?: Record<string, unknown>;
  allOf?: Schema[];
  $ref?: string;
  [k: string]: unknown;
}

/**
 * The schemas with every object CLOSED (additionalProperties: false), its allOf parts (Entity + the entity's own
 * fields) merged first so a closed part does not refuse the other part's fields. The published file leaves objects
 * open, so a misspelt or invented field would pass; a real instance refuses or ignores it (issue #14 item 17).
 */
function closeSchemas(doc: OpenApi): OpenApi {
  const schemas = doc.components.schemas;
  const propsOf = (sch: Schema, seen: Set<string>): Record<string, unknown> => {
    if (sch.$ref) {
      const name = sch.$ref.replace('#/components/schemas/', '');
      if (seen.has(name)) return {};
      seen.add(name);
      return propsOf(schemas[name] ?? {}, seen);
    }
    return Object.assign({}, ...(sch.allOf ?? []).map((p) => propsOf(p, seen)), sch.properties ?? {}) as Record<string, unknown>;
  };
  const closed: Record<string, Schema> = {};
  for (const [name, sch] of Object.entries(schemas)) {
    closed[name] = sch.properties || sch.allOf ? { type: 'object', properties: propsOf(sch, new Set([name])), additionalProperties: false } : sch;
  }
  return { ...doc, components: { ...doc.components, schemas: closed } };
}

let doc: OpenApi;
let ajv: Ajv;
const compiled = new Map<string, ValidateFunction>();

/** The request schema of an operation, by the OpenAPI path template that matches the logged request. */
function validatorFor(req: LoggedRequest): ValidateFunction {
  const sub = req.path.replace(/^\/entity\/Default\/[^/]+/, '');
  const template = doc.paths[sub] ? sub : Object.keys(doc.paths).find((p) => new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(sub));
  const op = template ? doc.paths[template]?.[req.method.toLowerCase()] : undefined;
  const ref = op?.requestBody?.content['application/json']?.schema.$ref;
  if (!ref) throw new Error(`No request schema in the OpenAPI file for ${req.method} ${sub}`);
  let v = compiled.get(ref);
  if (!v) {
    v = ajv.compile({ $ref: `openapi${ref}` });
    compiled.set(ref, v);
  }
  return v;
}

function expectValid(requests: LoggedRequest[]): number {
  const writes = requests.filter((r) => r.method === 'PUT' || (r.method === 'POST' && r.path.startsWith('/entity/Default/')));
  for (const r of writes) {
    const validate = validatorFor(r);
    const ok = validate(r.body);
    expect(ok, `${r.method} ${r.path}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  }
  return writes.length;
}

describe('request bodies against the OpenAPI file', () => {
  const start = useAcumatica();

  beforeAll(() => {
    doc = JSON.parse(readFileSync(OPENAPI, 'utf8')) as OpenApi;
    // OpenAPI 3.0 keywords (nullable, discriminator, formats like int64/double) are not JSON Schema: not strict.
    ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema(closeSchemas(doc), 'openapi');
  });

  it('the check itself catches a wrong shape and an unknown field', () => {
    const v = validatorFor({ method: 'PUT', path: '/entity/Default/24.200.001/Shipment' } as LoggedRequest);
    expect(v({ ShipmentNbr: { value: '000001' }, Details: [{ ShippedQty: { value: 'ten' } }] })).toBe(false);
    expect(v({ Packages: { value: 'x' } })).toBe(false);
    expect(v({ ShipmentNbr: { value: '000001' } })).toBe(true);
    // Unknown properties, at the top, in a detail line, in a package content, and inside a value wrapper.
    expect(v({ ShipmentNbr: { value: '000001' }, CarrierCode: { value: 'UPS' } })).toBe(false);
    expect(v({ Details: [{ id: 'x', ShipQty: { value: 1 } }] })).toBe(false);
    expect(v({ Packages: [{ BoxID: { value: 'S' }, PackageContents: [{ LotNumber: { value: '' } }] }] })).toBe(false);
    expect(v({ Hold: { value: false, label: 'x' } })).toBe(false);
    expect(v({ Hold: { value: false }, ControlQty: { value: 2 }, Packages: [{ CustomRefNbr1: { value: 'DS-1' }, PackageContents: [{ LotSerialNbr: { value: '' } }] }] })).toBe(true);
  });

  it('sales-order mode write-back (create, lost answer check, confirm) sends only valid bodies', async () => {
    const h = await start({ settings: { shipViaMap: { UPS: 'UPSGROUND' }, defaultBoxId: 'MEDIUM' } });
    h.double.addSalesOrder({ Details: [{ OrderQty: 3 }, { InventoryID: 'APPLES', OrderQty: 1 }] });
    const [order] = (await h.gateway.importOrders({ since: null })).orders;
    const plan = h.gateway.planShipment(order!, fulfillmentFor(order!, { tracking: ['1ZA', '1ZB'] }));
    await h.gateway.findExistingShipment(order!, plan);
    const nbr = await h.gateway.putShipment(plan);
    await h.gateway.confirmShipment(nbr);
    await h.gateway.confirmShipment(nbr);
    expect(expectValid(entityRequests(h.double))).toBe(3);
  });

  it('sales-order mode with lots, two warehouses and a merge into an open shipment sends only valid bodies', async () => {
    const h = await start({ settings: { shipViaMap: { UPS: 'UPSGROUND' }, defaultBoxId: 'MEDIUM', lotSerialItems: ['AALEGO500'], confirmShipments: false }, double: { lotSerialItems: ['AALEGO500'] } });
    h.double.addSalesOrder({ Details: [{ InventoryID: 'AALEGO500', OrderQty: 4 }, { InventoryID: 'APPLES', OrderQty: 2, WarehouseID: 'RETAIL' }] });
    const [order] = (await h.gateway.importOrders({ since: null })).orders;
    const f = fulfillmentFor(order!, { tracking: ['1ZA', '1ZB'], partial: true });
    f.lines[0]!.lotSerials = [{ lotSerialNbr: 'L1', quantity: 2 }];
    f.packages[0]!.contents = [{ lineRef: '1', sku: 'AALEGO500', quantity: 2 }];
    f.packages[1]!.contents = [{ lineRef: '2', sku: 'APPLES', quantity: 1 }];
    const plan = h.gateway.planShipment(order!, f);
    for (const p of [plan, ...(plan.otherWarehouses ?? [])]) await h.gateway.putShipment(p);
    const [again] = (await h.gateway.importOrders({ since: null })).orders;
    const rest = fulfillmentFor(again!, { id: 'wave-2', tracking: ['1ZC'] });
    rest.lines = rest.lines.filter((l) => l.lineRef === '1').map((l) => ({ ...l, lotSerials: [{ lotSerialNbr: 'L2', quantity: l.quantity }] }));
    rest.packages[0]!.contents = rest.packages[0]!.contents.filter((c) => c.lineRef === '1');
    const merged = h.gateway.planShipment(again!, rest);
    await h.gateway.putShipment(merged);
    expect(merged.mode).toBe('update');
    expect(h.double.shipments()).toHaveLength(2);
    // Two creates, the create of wave 2 that Acumatica refused (one open shipment per order), the update merging it.
    expect(expectValid(entityRequests(h.double))).toBe(4);
  });

  it('shipment mode write-back sends only valid bodies', async () => {
    const h = await start({ settings: { mode: 'shipments', shipViaMap: { UPS: 'UPSGROUND' }, boxMap: { 'BOX-M': 'SMALL' } } });
    h.double.seedShipments(2);
    const [order] = (await h.gateway.importOrders({ since: null })).orders;
    const plan = h.gateway.planShipment(order!, fulfillmentFor(order!, { partial: true }));
    await h.gateway.putShipment(plan);
    await h.gateway.confirmShipment(plan.shipmentNbr!);
    expect(expectValid(entityRequests(h.double))).toBe(2);
  });
});
