// Brings a settings file written by an older version forward before it is parsed. Pure: the file itself changes
// only on the next save, so a read never rewrites what the user may be editing by hand.

/** The version this build writes. */
export const SETTINGS_VERSION = 2;

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * 1 -> 2: order types. Version 1 defaulted to "every order type", which also imports quotes (QT, status "Open")
 * and sends them to the warehouse. A version-1 file with no order types, or the old empty default, now reads as SO
 * only; to import every type again, save an empty list with this version.
 */
function v1toV2(file: Json): Json {
  const acumatica = file.acumatica;
  if (!isRecord(acumatica)) return { ...file, version: 2 };
  const types = acumatica.orderTypes;
  const unset = types === undefined || (Array.isArray(types) && types.length === 0);
  return { ...file, version: 2, acumatica: unset ? { ...acumatica, orderTypes: ['SO'] } : acumatica };
}

export function migrateSettings(raw: unknown): unknown {
  if (!isRecord(raw)) return raw;
  const version = raw.version ?? 1;
  return version === 1 ? v1toV2(raw) : raw;
}
