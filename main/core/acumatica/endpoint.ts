// Which contract version to talk to: the pinned one, or the newest Default endpoint the instance lists at /entity.
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { Api } from './api.js';

const endpoint = z.object({ name: z.string(), version: z.string() }).loose();
const listing = z.union([
  z.object({ endpoints: z.array(endpoint) }).loose(),
  z.array(endpoint), // some older builds answer with the bare list
]);

/** Compares 24.200.001-style versions numerically. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Default endpoint versions the instance offers, newest first. */
export async function listDefaultVersions(api: Api): Promise<string[]> {
  const res = await api.call({ method: 'GET', path: '/entity' });
  const parsed = listing.safeParse(res.data);
  if (!parsed.success) {
    throw new AppError('business', 'Acumatica listed its endpoints in an unexpected shape at /entity: pin the endpoint version in Settings > Acumatica.');
  }
  const list = Array.isArray(parsed.data) ? parsed.data : parsed.data.endpoints;
  return list
    .filter((e) => e.name === 'Default' && /^\d+\.\d+\.\d+$/.test(e.version))
    .map((e) => e.version)
    .sort((a, b) => compareVersions(b, a));
}

export async function newestDefaultVersion(api: Api): Promise<string> {
  const versions = await listDefaultVersions(api);
  const newest = versions[0];
  if (!newest) {
    throw new AppError('config', 'This Acumatica instance offers no "Default" web service endpoint: ask your administrator, or pin an endpoint version in Settings > Acumatica.');
  }
  return newest;
}
