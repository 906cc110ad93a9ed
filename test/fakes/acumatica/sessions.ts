// How the double's sessions take requests (#14 item 13), as a real instance does:
//  - With `api offline_access` the identity server keeps ONE session per grant and reuses it across refreshes
//    (Acumatica Integration Development Guide, "OAuth 2.0 and OIDC: Session Management": "the system uses a single
//    session for each access granted to the client application"; FACTS.md §1 [V]).
//  - A session takes one request at a time: Acumatica keeps its state in the ASP.NET session, whose lock makes the
//    requests of one session wait for each other [I: ASP.NET session-state locking]. Only a grant with the
//    `api:concurrent_access` scope may run requests of one session in parallel [I: Acumatica's scope list].
//  - While an action (202 + Location) runs, other requests of the same session fail (FACTS.md §2 [V]); the double
//    answers them as the long-operation guard does: 500 "The previous operation has not been completed yet." [I].
// Counters let tests see what a client did wrong: requests that had to queue, and requests refused during an action.

export const ACTION_RUNNING_MESSAGE = 'The previous operation has not been completed yet.';

export class SessionGate {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly inFlight = new Map<string, number>();
  private readonly runningActions = new Map<string, { id: string; until: number }>();
  /** Requests that arrived while another request of the same (non-concurrent) session was running. */
  queued = 0;
  /** Requests refused because an action ran on their session. */
  refusedDuringAction = 0;
  /** Most requests one session had running at once. */
  peakPerSession = 0;

  /** Waits until the session may run this request; returns the release. Concurrent sessions never wait. */
  async enter(session: string, concurrent: boolean): Promise<() => void> {
    const running = this.inFlight.get(session) ?? 0;
    this.inFlight.set(session, running + 1);
    if (concurrent) {
      this.peakPerSession = Math.max(this.peakPerSession, running + 1);
      return () => this.leave(session);
    }
    if (running > 0) this.queued++;
    const before = this.tails.get(session) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    this.tails.set(session, before.then(() => mine));
    await before;
    this.peakPerSession = Math.max(this.peakPerSession, 1);
    return () => {
      this.leave(session);
      release();
    };
  }

  private leave(session: string): void {
    this.inFlight.set(session, (this.inFlight.get(session) ?? 1) - 1);
  }

  /** An action runs on the session until its last poll or, unpolled, until `until` (it finishes on the server). */
  actionStarted(session: string, actionId: string, until: number): void {
    this.runningActions.set(session, { id: actionId, until });
  }

  actionEnded(actionId: string): void {
    for (const [s, a] of this.runningActions) if (a.id === actionId) this.runningActions.delete(s);
  }

  /** The action running on this session, if the request is not the poll of that very action. */
  blockingAction(session: string, path: string, now: number): string | null {
    const a = this.runningActions.get(session);
    if (!a) return null;
    if (now >= a.until) {
      this.runningActions.delete(session);
      return null;
    }
    return path.endsWith(`/status/${a.id}`) ? null : a.id;
  }
}
