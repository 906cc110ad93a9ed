// Which contract version to talk to: the pinned one, or the tested Default endpoint when the instance lists it at
// /entity, else the newest one it lists, with a warning.
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

/** The Default endpoint version this build was tested against (its OpenAPI description is in the test fixtures). */
export const TESTED_VERSION = '24.200.001';
/** From Default 26.200.001 on, the contract follows OData 4.01 (other filter and date syntax than the 3.0 the app writes). */
const FIRST_ODATA4_MAJOR = 26;

export interface EndpointChoice {
  version: string;
  /** Set when the version is not the tested one: shown on the connection screen and by `test-connection`. */
  warning?: string;
}

/**
 * Prefers the tested version when offered; otherwise the newest offered that still speaks OData 3.0 (a later
 * 2x.200.001 of the same contract), else the newest at all, each with a warning the operator sees.
 */
export function chooseEndpointVersion(offered: readonly string[]): EndpointChoice | null {
  if (offered.includes(TESTED_VERSION)) return { version: TESTED_VERSION };
  const sorted = [...offered].sort((a, b) => compareVersions(b, a));
  const sameContract = sorted.find((v) => Number(v.split('.')[0]) < FIRST_ODATA4_MAJOR);
  const version = sameContract ?? sorted[0];
  if (!version) return null;
  return {
    version,
    warning:
      `This instance does not offer Default ${TESTED_VERSION}, the endpoint DropStream is tested with; it uses Default ${version}. ` +
      'Check a few orders end to end (import and write-back) before going live, or pin another version in Settings > Acumatica.',
  };
}

export async function chooseDefaultVersion(api: Api): Promise<EndpointChoice> {
  const choice = chooseEndpointVersion(await listDefaultVersions(api));
  if (!choice) {
    throw new AppError('config', 'This Acumatica instance offers no "Default" web service endpoint: ask your administrator, or pin an endpoint version in Settings > Acumatica.');
  }
  return choice;
}
