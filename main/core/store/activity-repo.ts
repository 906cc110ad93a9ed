// The activity log: what the app did, in the operator's words. Written in the same transaction as the state
// change it describes.
import type { ActivityKind, ActivityLevel } from '../domain/index.js';
import type { Db } from './db.js';

export interface ActivityRecord {
  id: number;
  at: string;
  orderRef: string | null;
  level: ActivityLevel;
  /** An ActivityKind as written by this version; read as text, since an older database may hold other kinds. */
  kind: string;
  message: string;
}

interface Row {
  id: number;
  at: string;
  order_ref: string | null;
  level: ActivityRecord['level'];
  kind: string;
  message: string;
}

const toRecord = (r: Row): ActivityRecord => ({
  id: r.id,
  at: r.at,
  orderRef: r.order_ref,
  level: r.level,
  kind: r.kind,
  message: r.message,
});

export function createActivityRepo(db: Db) {
  const insert = db.prepare('INSERT INTO activity (at, order_ref, level, kind, message) VALUES (?, ?, ?, ?, ?)');
  return {
    add(at: string, orderRef: string | null, level: ActivityLevel, kind: ActivityKind, message: string): void {
      insert.run(at, orderRef, level, kind, message);
    },

    forOrder(ref: string): ActivityRecord[] {
      return db.prepare<[string], Row>('SELECT * FROM activity WHERE order_ref = ? ORDER BY id').all(ref).map(toRecord);
    },

    list(q: { search?: string | undefined; orderRef?: string | undefined; offset: number; limit: number }): {
      total: number;
      rows: ActivityRecord[];
    } {
      const where: string[] = [];
      const params: Record<string, unknown> = { offset: q.offset, limit: q.limit };
      if (q.orderRef) {
        where.push('order_ref = @orderRef');
        params.orderRef = q.orderRef;
      }
      if (q.search?.trim()) {
        where.push(`(message LIKE @s ESCAPE '\\' OR order_ref LIKE @s ESCAPE '\\' OR kind LIKE @s ESCAPE '\\')`);
        params.s = `%${q.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      }
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const total = (db.prepare(`SELECT count(*) AS n FROM activity ${clause}`).get(params) as { n: number }).n;
      const rows = db
        .prepare<Record<string, unknown>, Row>(`SELECT * FROM activity ${clause} ORDER BY id DESC LIMIT @limit OFFSET @offset`)
        .all(params);
      return { total, rows: rows.map(toRecord) };
    },

    /** Count of entries of a kind per hour since `sinceIso` (hour = first 13 characters of the ISO time). */
    perHour(kind: ActivityKind, sinceIso: string): Map<string, number> {
      const rows = db
        .prepare(`SELECT substr(at, 1, 13) AS hour, count(*) AS n FROM activity WHERE kind = ? AND at >= ? GROUP BY hour`)
        .all(kind, sinceIso) as { hour: string; n: number }[];
      return new Map(rows.map((r) => [r.hour, r.n]));
    },

    lastId(): number {
      return (db.prepare('SELECT coalesce(max(id), 0) AS id FROM activity').get() as { id: number }).id;
    },
  };
}

export type ActivityRepo = ReturnType<typeof createActivityRepo>;
