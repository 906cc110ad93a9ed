// "Test connection" for Extensiv, worded for the operator: is the secret saved, does the sign-in work, can the API
// user read the customer, does that customer use the facility, can it read orders there.
import { z } from 'zod';
import type { CheckResult } from '../../checks.js';
import { toAppError } from '../../errors.js';
import type { SecretStore } from '../../secrets/secret-store.js';
import type { ExtensivClient } from './client.js';
import { scopeRql } from './lookup.js';
import type { ExtensivSettings } from './settings.js';
import { camelKeys, parseOrderPage } from './wire.js';

const customerSchema = z
  .object({
    companyInfo: z.object({ companyName: z.string().nullish() }).loose().nullish(),
    facilities: z.array(z.object({ id: z.coerce.number().nullish() }).loose()).nullish(),
  })
  .loose();

function failed(id: string, label: string, e: unknown): CheckResult {
  const err = toAppError(e);
  const server = err.serverMessage && err.serverMessage !== err.message ? ` (Extensiv said: ${err.serverMessage.slice(0, 300)})` : '';
  return { id, label, ok: false, message: `${err.message}${server}` };
}

function skipped(id: string, label: string): CheckResult {
  return { id, label, ok: false, skipped: true, message: 'Not checked: an earlier step failed.' };
}

export async function testExtensivConnection(client: ExtensivClient, settings: ExtensivSettings, secrets: SecretStore): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const url = new URL(client.baseUrl);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !loopback) {
    results.push({ id: 'tls', label: 'Secure connection', ok: false, message: `The base URL ${client.baseUrl} is not https: use https://secure-wms.com (or your Extensiv host).` });
  }
  let secret: string | null = null;
  try {
    secret = await secrets.get('wms.extensiv.clientSecret');
    results.push(
      secret
        ? { id: 'secret', label: 'Client secret saved', ok: true, message: `Found in the ${secrets.description}.` }
        : { id: 'secret', label: 'Client secret saved', ok: false, message: `No Extensiv client secret in the ${secrets.description}: enter it in Settings > Warehouse.` },
    );
  } catch (e) {
    results.push(failed('secret', 'Client secret saved', e));
  }
  const rest = (): CheckResult[] => [
    skipped('customer', `Customer ${settings.customerId}`),
    skipped('facility', `Facility ${settings.facilityId}`),
    skipped('orders', 'Read orders'),
  ];
  if (!secret) return [...results, skipped('token', 'Sign in to Extensiv'), ...rest()];

  try {
    await client.token();
    results.push({ id: 'token', label: 'Sign in to Extensiv', ok: true, message: `Signed in as client ${settings.clientId}, user login ${settings.userLoginId}.` });
  } catch (e) {
    return [...results, failed('token', 'Sign in to Extensiv', e), ...rest()];
  }

  let facilities: number[] | undefined;
  try {
    const res = await client.request({ method: 'GET', path: `/customers/${settings.customerId}` });
    const customer = customerSchema.safeParse(camelKeys(res.data));
    const name = customer.success ? customer.data.companyInfo?.companyName : undefined;
    facilities = customer.success ? customer.data.facilities?.flatMap((f) => (f.id == null ? [] : [f.id])) : undefined;
    results.push({ id: 'customer', label: `Customer ${settings.customerId}`, ok: true, message: name ? `Readable: ${name}.` : 'Readable.' });
  } catch (e) {
    const err = toAppError(e);
    const message = err.kind === 'not-found' ? `Extensiv has no customer ${settings.customerId} visible to this API user: check the customer id in Settings > Warehouse.` : undefined;
    results.push(message ? { id: 'customer', label: `Customer ${settings.customerId}`, ok: false, message } : failed('customer', `Customer ${settings.customerId}`, e));
  }

  if (facilities && facilities.length > 0) {
    const ok = facilities.includes(settings.facilityId);
    results.push({
      id: 'facility',
      label: `Facility ${settings.facilityId}`,
      ok,
      message: ok ? 'The customer uses this facility.' : `Customer ${settings.customerId} does not use facility ${settings.facilityId} (it uses ${facilities.join(', ')}): check the facility id.`,
    });
  } else {
    results.push({ id: 'facility', label: `Facility ${settings.facilityId}`, ok: true, message: 'The customer does not list its facilities; checked through reading orders below.' });
  }

  try {
    const res = await client.request({ method: 'GET', path: '/orders', query: { pgsiz: 1, pgnum: 1, rql: scopeRql(settings) } });
    const page = parseOrderPage(res.data, 'test connection');
    results.push({ id: 'orders', label: 'Read orders', ok: true, message: `Orders readable: ${page.totalResults} for this customer and facility.` });
  } catch (e) {
    results.push(failed('orders', 'Read orders', e));
  }
  return results;
}
