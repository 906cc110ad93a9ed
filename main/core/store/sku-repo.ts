// The SKU mapping: Acumatica InventoryID (+ optional UOM) -> WMS SKU, with a unit factor and kit components.
// InventoryIDs are compared trimmed and case-insensitively, as Acumatica pads and cases them freely.
import { normaliseInventoryId, type SkuRule } from '../domain/sku-mapping.js';
import type { Db } from './db.js';

export { normaliseInventoryId, type SkuRule };

interface Row {
  inventory_id: string;
  uom: string;
  display_id: string;
  sku: string;
  factor: number;
  components_json: string;
}

const toRule = (r: Row): SkuRule => ({
  inventoryId: r.display_id,
  uom: r.uom,
  sku: r.sku,
  factor: r.factor,
  components: JSON.parse(r.components_json) as SkuRule['components'],
});

export function createSkuRepo(db: Db) {
  return {
    list(search?: string): SkuRule[] {
      const s = search?.trim();
      const rows = s
        ? db
            .prepare<[string, string], Row>(
              `SELECT * FROM sku_map WHERE inventory_id LIKE ? OR sku LIKE ? ORDER BY inventory_id, uom LIMIT 5000`,
            )
            .all(`%${s.toUpperCase()}%`, `%${s}%`)
        : db.prepare<[], Row>('SELECT * FROM sku_map ORDER BY inventory_id, uom').all();
      return rows.map(toRule);
    },

    all(): SkuRule[] {
      return db.prepare<[], Row>('SELECT * FROM sku_map').all().map(toRule);
    },

    upsert(rule: SkuRule): void {
      db.prepare(
        `INSERT INTO sku_map (inventory_id, uom, display_id, sku, factor, components_json) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (inventory_id, uom) DO UPDATE SET display_id = excluded.display_id, sku = excluded.sku,
           factor = excluded.factor, components_json = excluded.components_json`,
      ).run(
        normaliseInventoryId(rule.inventoryId),
        rule.uom.trim().toUpperCase(),
        rule.inventoryId.trim(),
        rule.sku,
        rule.factor,
        JSON.stringify(rule.components),
      );
    },

    delete(inventoryId: string, uom: string): number {
      return db
        .prepare('DELETE FROM sku_map WHERE inventory_id = ? AND uom = ?')
        .run(normaliseInventoryId(inventoryId), uom.trim().toUpperCase()).changes;
    },
  };
}

export type SkuRepo = ReturnType<typeof createSkuRepo>;
