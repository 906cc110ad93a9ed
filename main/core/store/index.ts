// The store of one data directory: the database and its repositories. No SQL outside this folder.
import { join } from 'node:path';
import { createActivityRepo } from './activity-repo.js';
import { openDatabase, type Db } from './db.js';
import { createFulfillmentsRepo } from './fulfillments-repo.js';
import { createJobsRepo } from './jobs-repo.js';
import { createOrdersRepo } from './orders-repo.js';
import { createReconcileRepo } from './reconcile-repo.js';
import { createSideHealthRepo } from './side-health-repo.js';
import { createSkuRepo } from './sku-repo.js';
import { createAdapterState, createSyncStateRepo } from './state-repo.js';

export function createStore(db: Db) {
  const syncState = createSyncStateRepo(db);
  return {
    db,
    orders: createOrdersRepo(db),
    jobs: createJobsRepo(db),
    activity: createActivityRepo(db),
    fulfillments: createFulfillmentsRepo(db),
    sku: createSkuRepo(db),
    syncState,
    sideHealth: createSideHealthRepo(syncState),
    reconcile: createReconcileRepo(db),
    adapterState: (namespace: string) => createAdapterState(db, namespace),
    /** Runs `fn` in one transaction: all of its writes commit together or not at all. */
    tx<T>(fn: () => T): T {
      return db.transaction(fn)();
    },
    close(): void {
      db.close();
    },
  };
}

export type Store = ReturnType<typeof createStore>;

export const DATABASE_FILE = 'dropstream.db';

export function openStore(dataDir: string): Store {
  return createStore(openDatabase(join(dataDir, DATABASE_FILE)));
}

export type { OrderRecord, ListQuery } from './orders-repo.js';
export type { Job, JobKind, JobStatus } from './jobs-repo.js';
export type { FulfillmentRecord, FulfillmentState } from './fulfillments-repo.js';
export type { SkuRule } from './sku-repo.js';
export type { ActivityRecord } from './activity-repo.js';
