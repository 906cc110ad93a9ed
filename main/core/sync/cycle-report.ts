// What one sync cycle reports: what each side did, and what stopped a whole side.
import type { ErrorInfo } from '../errors.js';
import type { CollectReport } from './collect-step.js';
import type { ImportReport } from './import-step.js';
import type { SideOutcome } from './job-runner.js';

export interface CycleReport {
  startedAt: string;
  import: ImportReport | null;
  sent: SideOutcome | null;
  collected: CollectReport | null;
  writtenBack: SideOutcome | null;
  /** Errors that stopped a whole side this cycle (per-order failures are on the orders). */
  errors: { side: 'acumatica' | 'wms'; error: ErrorInfo }[];
  /** Set when the cycle reached its time limit (issue #18): the steps it did not finish stay queued for the next. */
  timeUp: { afterSeconds: number; stepsLeft: number } | null;
}
