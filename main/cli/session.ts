// Opens a core for one command: data directory from --home / DROPSTREAM_HOME / the app-data folder; secrets from the
// OS keychain or, with --secrets env, from the environment only; settings through conf in the data directory.
import { createCore, type RunningCore } from '../core/create-core.js';
import { AppError } from '../core/errors.js';
import { defaultDataDir } from '../core/paths.js';
import { createEnvSecretStore } from '../core/secrets/env-store.js';
import { APP_ID, createKeytarSecretStore } from '../core/secrets/keytar-store.js';
import type { SecretStore } from '../core/secrets/secret-store.js';
import { createConfBackend } from '../core/settings/conf-backend.js';
import { createSettingsStore, type SettingsStore } from '../core/settings/store.js';

export interface GlobalOptions {
  home?: string;
  secrets?: string;
  json?: boolean;
}

export function dataDirOf(opts: GlobalOptions, env: NodeJS.ProcessEnv = process.env): string {
  return opts.home ?? env.DROPSTREAM_HOME ?? defaultDataDir();
}

export async function secretStoreOf(opts: GlobalOptions, env: NodeJS.ProcessEnv = process.env): Promise<SecretStore> {
  const kind = opts.secrets ?? env.DROPSTREAM_SECRETS ?? 'keychain';
  if (kind === 'env') return createEnvSecretStore(env);
  if (kind !== 'keychain') throw new AppError('invalid-input', `--secrets must be "keychain" or "env", not "${kind}".`);
  const keytar = await import('keytar').catch((e: unknown) => {
    throw new AppError('keychain', `The keychain module cannot be loaded (${e instanceof Error ? e.message : String(e)}). Install libsecret, or use --secrets env.`);
  });
  return createKeytarSecretStore(keytar.default, APP_ID);
}

export function settingsStoreOf(opts: GlobalOptions): SettingsStore {
  return createSettingsStore(createConfBackend(dataDirOf(opts)));
}

export async function openCore(opts: GlobalOptions, shell: 'browser' | 'desktop' = 'browser'): Promise<RunningCore> {
  return createCore({ dataDir: dataDirOf(opts), shell, secrets: await secretStoreOf(opts), settings: settingsStoreOf(opts), version: '0.1.0' });
}
