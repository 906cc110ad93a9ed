// Reads and writes the settings through a conf-like backend: electron-store inside Electron, conf under plain Node.
// The file on disk is validated with the one schema on every read; an invalid file is reported with the field that
// is wrong and is never overwritten, so the user can fix it by hand without losing the rest.
import { z } from 'zod';
import { AppError } from '../errors.js';
import { migrateSettings } from './migrate.js';
import { settingsSchema, type Settings } from './schema.js';

/** What electron-store and conf both offer. */
export interface SettingsBackend {
  readonly store: unknown;
  set(value: Record<string, unknown>): void;
  readonly path: string;
}

export interface SettingsStore {
  read(): Settings;
  write(settings: Settings): void;
  readonly path: string;
}

export function createSettingsStore(backend: SettingsBackend): SettingsStore {
  return {
    path: backend.path,
    read() {
      return parseSettings(backend.store, backend.path);
    },
    write(settings) {
      const valid = parseSettings(settings, backend.path);
      // Refuse to replace a file we could not read: the user's hand edits would be lost.
      parseSettings(backend.store, backend.path);
      backend.set(valid);
    },
  };
}

export function parseSettings(value: unknown, where: string): Settings {
  const parsed = settingsSchema.safeParse(migrateSettings(value ?? {}));
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[issue.path.join('.') || '(root)'] = issue.message;
  const first = Object.entries(fields)[0];
  throw new AppError(
    'config',
    `The settings in ${where} are not valid: ${first ? `${first[0]}: ${first[1]}` : 'unknown problem'}. ` +
      'Fix that field (or remove it to use the default); the file was not changed.',
    { fields },
  );
}

/** For an in-memory backend (tests, the demo before it has a folder). */
export function memorySettingsBackend(initial: unknown = {}): SettingsBackend {
  let store = initial;
  return {
    get store() {
      return store;
    },
    set(value) {
      store = structuredClone(value);
    },
    path: '(memory)',
  };
}

export const settingsJsonSchema = z.toJSONSchema(settingsSchema, { io: 'input' });
