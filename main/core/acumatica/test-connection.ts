// "Test connection": each step worded for a warehouse operator. Never throws; steps after a failure are skipped.
import type { CheckResult } from '../checks.js';
import { toAppError } from '../errors.js';
import type { SecretName, SecretStore } from '../secrets/secret-store.js';
import type { Api } from './api.js';
import type { TokenManager } from './auth.js';
import { chooseEndpointVersion, listDefaultVersions } from './endpoint.js';
import type { AcumaticaHttp } from './http.js';
import { queryString } from './odata.js';
import { tlsProblem } from './tls.js';

interface Step {
  id: string;
  label: string;
  /** The detail on success; `warning` marks a pass the operator should still read. */
  run: () => Promise<string | { message: string; warning?: string }>;
}

export async function runConnectionTest(deps: {
  http: AcumaticaHttp;
  api: Api;
  tokens: TokenManager;
  username: string;
  pinnedVersion: string | undefined;
  onVersion: (v: string, warning: string | undefined) => void;
}): Promise<CheckResult[]> {
  const { http, api } = deps;
  let version = '';
  const https = http.instanceUrl.startsWith('https:');
  let tlsFailure: string | null = null;

  const read = (entity: string, words: string, form: string) => async () => {
    try {
      await api.call({ method: 'GET', path: `/entity/Default/${version}/${entity}${queryString({ $top: 1 })}` });
      return `The user can read ${words}.`;
    } catch (e) {
      const err = toAppError(e);
      if (err.status === 403) throw new Error(`The user "${deps.username}" lacks rights to ${words}: give its role access to the ${form} form in Acumatica.`, { cause: e });
      throw err;
    }
  };

  const steps: Step[] = [
    {
      id: 'reachable',
      label: 'Instance reachable',
      run: async () => {
        try {
          await http.send({ method: 'GET', url: `${http.instanceUrl}/identity/.well-known/openid-configuration` });
        } catch (e) {
          const err = toAppError(e);
          const code = err.cause && typeof err.cause === 'object' && 'code' in err.cause ? String(err.cause.code) : undefined;
          tlsFailure = tlsProblem(code, http.host);
          if (!tlsFailure) throw err;
        }
        return `${http.host} answers.`;
      },
    },
    {
      id: 'tls',
      label: 'Secure connection',
      run: async () => {
        if (tlsFailure) throw new Error(tlsFailure);
        return https ? 'The certificate is trusted.' : 'Not encrypted (http://): use https:// for a real instance.';
      },
    },
    {
      id: 'token',
      label: 'Sign-in',
      run: async () => {
        deps.tokens.credentialsChanged(); // an explicit test always asks the server again
        await deps.tokens.accessToken();
        return `Signed in as ${deps.username}.`;
      },
    },
    {
      id: 'endpoint',
      label: 'Web service endpoint',
      run: async () => {
        const offered = await listDefaultVersions(api);
        if (deps.pinnedVersion) {
          if (!offered.includes(deps.pinnedVersion)) {
            throw new Error(`The instance does not offer Default ${deps.pinnedVersion}: clear the pinned version or choose one of ${offered.join(', ') || '(none)'}.`);
          }
          version = deps.pinnedVersion;
          deps.onVersion(version, undefined);
          return `Endpoint Default ${version} (pinned).`;
        }
        const choice = chooseEndpointVersion(offered);
        if (!choice) throw new Error('The instance offers no Default endpoint: ask your Acumatica administrator.');
        version = choice.version;
        deps.onVersion(version, choice.warning);
        const message = `Endpoint Default ${version}.`;
        return choice.warning ? { message, warning: choice.warning } : message;
      },
    },
    { id: 'read-sales-orders', label: 'Read Sales Orders', run: read('SalesOrder', 'Sales Orders', 'Sales Orders (SO301000)') },
    { id: 'read-shipments', label: 'Read Shipments', run: read('Shipment', 'Shipments', 'Shipments (SO302000)') },
  ];

  const results: CheckResult[] = [];
  let failed = false;
  for (const step of steps) {
    if (failed) {
      results.push({ id: step.id, label: step.label, ok: false, skipped: true, message: 'Skipped: an earlier step failed.' });
      continue;
    }
    try {
      const outcome = await step.run();
      const passed = typeof outcome === 'string' ? { message: outcome } : outcome;
      results.push({ id: step.id, label: step.label, ok: true, message: passed.message, ...(passed.warning ? { warning: passed.warning } : {}) });
    } catch (e) {
      failed = true;
      results.push({ id: step.id, label: step.label, ok: false, message: e instanceof Error ? e.message : String(e) });
    }
  }
  return results;
}

/**
 * The test's view of the secret store: it reads the shared secret and password, but its refresh token is kept in
 * memory only, so the test never sends (and so never rotates) the engine's stored refresh token, and its sign-out
 * deletes nothing of the engine's (#14 item 15).
 */
export function isolatedSecrets(real: SecretStore): SecretStore {
  const own = new Map<SecretName, string>();
  const isOwn = (name: SecretName): boolean => name === 'acumatica.refreshToken';
  return {
    description: real.description,
    get: async (name) => (isOwn(name) ? (own.get(name) ?? null) : real.get(name)),
    set: async (name, value) => {
      if (isOwn(name)) own.set(name, value);
      else await real.set(name, value);
    },
    delete: async (name) => {
      if (isOwn(name)) own.delete(name);
      else await real.delete(name);
    },
  };
}
