// The settings file under plain Node (CLI, headless server): `conf`, the library electron-store is built on, with
// the same file name and location rules, so the desktop app and the command share one settings.json.
import Conf from 'conf';
import { AppError } from '../errors.js';
import type { SettingsBackend } from './store.js';

export function createConfBackend(dataDir: string): SettingsBackend {
  let conf: Conf<Record<string, unknown>>;
  try {
    conf = new Conf<Record<string, unknown>>({
      cwd: dataDir,
      configName: 'settings',
      projectName: 'dropstream',
      clearInvalidConfig: false,
    });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new AppError(
      'config',
      `The settings file in ${dataDir} cannot be read (${message}). Fix or remove settings.json; it was not changed.`,
      { cause: e },
    );
  }
  return {
    get store() {
      return conf.store;
    },
    set(value) {
      conf.store = value;
    },
    path: conf.path,
  };
}
