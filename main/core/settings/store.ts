// Reads and writes the settings through a conf-like backend: electron-store inside Electron, conf under plain Node.
// The file on disk is validated with the one schema on every read; an invalid file is reported with the field that
// is wrong and is never overwritten, so the user can fix it by hand without losing the rest.
import { z } from 'zod';
import { AppError } from '../errors.js';
import { migrateSettings } from './migrate.js';
import { builtInWmsAdapters, type WmsRegistry } from '../wms/registry.js';
import { settingsSchema, settingsSchemaOf, type Settings } from './schema.js';

/** What electron-store and conf both offer. */
export interface SettingsBackend {
  readonly store: unknown;
  set(value: Record<string, unknown>): void;
  readonly path: string;
}

export interface SettingsStore {
  read(): Settings;
  /** The warehouse adapters whose settings this store accepts (the production list unless a test adds some). */
  readonly wmsAdapters: WmsRegistry;
  write(settings: Settings): void;
  readonly path: string;
}

export function createSettingsStore(backend: SettingsBackend, wmsAdapters: WmsRegistry = builtInWmsAdapters): SettingsStore {
  const schema = wmsAdapters === builtInWmsAdapters ? settingsSchema : settingsSchemaOf(wmsAdapters);
  return {
    path: backend.path,
    wmsAdapters,
    read() {
      return parseSettings(backend.store, backend.path, schema);
    },
    write(settings) {
      const valid = parseSettings(settings, backend.path, schema);
      // Refuse to replace a file we could not read: the user's hand edits would be lost.
      parseSettings(backend.store, backend.path, schema);
      backend.set(valid);
    },
  };
}

/**
 * The settings a schema reads from a file's content. With a test's registry the `wms` section may be an adapter the
 * production type does not name; code outside the adapters reads only its `adapter`, so it is typed as Settings.
 */
export function parseSettings(value: unknown, where: string, schema: z.ZodType<unknown> = settingsSchema): Settings {
  const parsed = schema.safeParse(migrateSettings(value ?? {}));
  if (parsed.success) return parsed.data as Settings;
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
