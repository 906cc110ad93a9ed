// Plain requests to the Acumatica double, bypassing the client: to show what the double itself refuses.
import type { AcumaticaDouble } from '../../fakes/acumatica/server.js';

async function token(double: AcumaticaDouble): Promise<string> {
  const c = double.credentials;
  const form = new URLSearchParams({ grant_type: 'password', client_id: c.clientId, client_secret: c.sharedSecret, username: c.username, password: c.password, scope: 'api' });
  const res = await fetch(`${double.url}/identity/connect/token`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form });
  const body = (await res.json()) as { access_token: string };
  return body.access_token;
}

export async function rawCall(double: AcumaticaDouble, method: 'PUT' | 'POST', entityPath: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${double.url}/entity/Default/24.200.001/${entityPath}`, {
    method,
    headers: { Authorization: `Bearer ${await token(double)}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

export const rawPutShipment = (double: AcumaticaDouble, body: unknown): ReturnType<typeof rawCall> => rawCall(double, 'PUT', 'Shipment', body);
