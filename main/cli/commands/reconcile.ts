// `dropstream reconcile [--since YYYY-MM-DD]`: the three-way check of Acumatica, the warehouse and DropStream.
// Exit 0 when all agree, 4 when discrepancies were found, the usual codes when it could not run.
import type { Command } from 'commander';
import { AppError } from '../../core/errors.js';
import type { ReconcileReport } from '../../core/reconcile/report.js';
import { requestsPerThousand } from '../../core/reconcile/report.js';
import { createReconcileService } from '../../core/reconcile/service.js';
import { DISCREPANCY_KINDS, KIND_LABELS, type Discrepancy } from '../../core/reconcile/views.js';
import { createOutput } from '../output.js';
import { openCore, type GlobalOptions } from '../session.js';
import { run } from './run-action.js';

/** The exit code when the run worked and found something to look at. */
export const EXIT_DISCREPANCIES = 4;

function views(d: Discrepancy): string {
  const a = d.acumatica?.document ? `Acumatica ${d.acumatica.document.status || 'held'}` : d.acumatica ? 'Acumatica: shipments only' : 'Acumatica: not listed';
  const w = d.warehouse ? `warehouse ${d.warehouse.status}${d.warehouse.wmsRef ? ` (${d.warehouse.wmsRef})` : ''}` : 'warehouse: not known';
  const s = d.dropstream ? `DropStream ${d.dropstream.state}` : 'DropStream: not known';
  return `${a} | ${w} | ${s}`;
}

function human(r: ReconcileReport): string {
  const lines = [
    `Reconciliation since ${r.since}: ${r.ordersCompared} order(s) compared, ${r.discrepancies.length} discrepanc${r.discrepancies.length === 1 ? 'y' : 'ies'}.`,
    r.warehouseNote ? `Note: ${r.warehouseNote}.` : '',
    `Acumatica requests: ${r.acumaticaRequests} (${requestsPerThousand(r).toFixed(1)} per 1,000 orders).`,
    r.resolvedHidden ? `${r.resolvedHidden} marked resolved earlier and unchanged: not listed.` : '',
    '',
    ...DISCREPANCY_KINDS.map((k) => `  ${String(r.counts[k]).padStart(5)}  ${KIND_LABELS[k]}`),
  ];
  if (r.discrepancies.length > 0) {
    lines.push('');
    for (const d of r.discrepancies) {
      lines.push(`${d.reference}  [${d.kind}]  ${d.detail}`, `    ${views(d)}`, `    actions: ${d.actions.join(', ')}`);
    }
  } else lines.push('', 'All three agree.');
  return lines.filter((l, i, all) => l !== '' || all[i - 1] !== '').join('\n');
}

export function registerReconcile(program: Command, globals: () => GlobalOptions): void {
  program
    .command('reconcile')
    .description('Compare Acumatica, the warehouse and what DropStream did (read-only); exit 4 when they disagree')
    .option('--since <date>', 'start of the period, YYYY-MM-DD (default: 30 days ago)')
    .action(
      run<{ since?: string }>(globals, async (o, opts) => {
        if (o.since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(o.since)) {
          throw new AppError('invalid-input', `--since ${o.since} is not a date: give it as YYYY-MM-DD, e.g. --since 2026-11-01.`);
        }
        const out = createOutput(Boolean(opts.json));
        const core = await openCore(opts);
        let last = { phase: '', done: 0 };
        const unsubscribe = core.subscribe((event, payload) => {
          if (event !== 'reconcile.progress') return;
          const p = payload as { phase: string; done: number };
          if (p.phase !== last.phase) last = { phase: p.phase, done: 0 };
          // Long runs only: a line per 1,000 records read.
          if (p.done - last.done >= 1000) {
            out.info(`… ${p.phase}: ${p.done}`);
            last = p;
          }
        });
        try {
          const report = await createReconcileService(core.runtime).run(o.since);
          out.result(
            {
              ok: report.discrepancies.length === 0,
              since: report.since,
              runId: report.runId,
              ordersCompared: report.ordersCompared,
              warehouseLive: report.warehouseLive,
              warehouseNote: report.warehouseNote,
              acumaticaRequests: report.acumaticaRequests,
              resolvedHidden: report.resolvedHidden,
              counts: report.counts,
              discrepancies: report.discrepancies.map((d) => ({
                kind: d.kind,
                reference: d.reference,
                detail: d.detail,
                acumatica: d.acumatica,
                warehouse: d.warehouse,
                dropstream: d.dropstream,
                actions: d.actions,
              })),
            },
            () => human(report),
          );
          if (report.discrepancies.length > 0) process.exitCode = EXIT_DISCREPANCIES;
        } finally {
          unsubscribe();
          await core.stop();
        }
      }),
    );
}
