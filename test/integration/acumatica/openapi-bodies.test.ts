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
    ajv.addSchema(doc, 'openapi');
  });

  it('the check itself catches a wrong shape', () => {
    const v = validatorFor({ method: 'PUT', path: '/entity/Default/24.200.001/Shipment' } as LoggedRequest);
    expect(v({ ShipmentNbr: { value: '000001' }, Details: [{ ShippedQty: { value: 'ten' } }] })).toBe(false);
    expect(v({ Packages: { value: 'x' } })).toBe(false);
    expect(v({ ShipmentNbr: { value: '000001' } })).toBe(true);
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

  it('shipment mode write-back sends only valid bodies', async () => {
    const h = await start({ settings: { mode: 'shipments', shipViaMap: { UPS: 'UPSGROUND' }, boxMap: { 'BOX-M': 'SMALL' } } });
    h.double.seedShipments(2);
    const [order] = (await h.gateway.importOrders({ since: null })).orders;
    const plan = h.gateway.planShipment(order!, fulfillmentFor(order!));
    await h.gateway.putShipment(plan);
    await h.gateway.confirmShipment(plan.shipmentNbr!);
    expect(expectValid(entityRequests(h.double))).toBe(2);
  });
});
