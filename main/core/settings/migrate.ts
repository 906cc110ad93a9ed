// Brings a settings file written by an older version forward before it is parsed. Pure: the file itself changes
// only on the next save, so a read never rewrites what the user may be editing by hand.

/** The version this build writes. */
export const SETTINGS_VERSION = 3;

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

/**
/**
 * 2 -> 3, two changes of one release:
 * - Line types. Up to version 2 only "Goods for Inventory" lines went to the warehouse; the new default also sends
 *   "Non-Inventory Goods". Open orders already at the warehouse would get an unasked change on the next import, so a
 *   file written before keeps the old behaviour unless it chose line types itself. New installs get the new default.
 * - The Extensiv setting `sendUomAsQualifier` was renamed `uomPicksItemQualifier` (an Extensiv qualifier tells apart
 *   items sharing one SKU; it is not a unit). The value moves to the new name (an explicit new value wins), so an
 *   existing setup keeps working and the next save writes the new name only.
 */
function v2toV3(file: Json): Json {
  const out: Json = { ...file, version: 3 };
  const acumatica = file.acumatica;
  if (isRecord(acumatica) && acumatica.shipLineTypes === undefined) out.acumatica = { ...acumatica, shipLineTypes: ['Goods for Inventory'] };
  const wms = file.wms;
  if (isRecord(wms) && wms.adapter === 'extensiv' && 'sendUomAsQualifier' in wms) {
    const { sendUomAsQualifier, ...rest } = wms;
    out.wms = { ...rest, uomPicksItemQualifier: rest.uomPicksItemQualifier ?? sendUomAsQualifier };
  }
  return out;
}

const steps: Record<number, (file: Json) => Json> = { 1: v1toV2, 2: v2toV3 };

export function migrateSettings(raw: unknown): unknown {
  if (!isRecord(raw)) return raw;
  let file = raw;
  for (let version = typeof raw.version === 'number' ? raw.version : 1; version < SETTINGS_VERSION; version++) {
    const step = steps[version];
    if (!step) break;
    file = step(file);
  }
  return file;
}
