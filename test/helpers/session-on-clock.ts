// main/cli/session.js as the in-process command sees it (helpers/cli-in-process.ts): the real module, with the test's
// clock passed to `openCore`. Kept apart from cli-in-process.ts because a vi.mock factory that imported the commands
// would wait on itself (they import the module being mocked).
import type * as Session from '../../main/cli/session.js';
import { systemClock, type Clock } from '../../main/core/clock.js';
import { createCore } from '../../main/core/create-core.js';

type SessionModule = typeof Session;

/** The clock every core opened by the in-process command uses (one test at a time per file). */
let testClock: Clock = systemClock;

export function setTestClock(clock: Clock): void {
  testClock = clock;
}

export function resetTestClock(): void {
  testClock = systemClock;
}

export function sessionOnTestClock(actual: SessionModule): SessionModule {
  return {
    ...actual,
    async openCore(opts, shell = 'browser') {
      return createCore({
        dataDir: actual.dataDirOf(opts),
        shell,
        // A copy of the environment of this invocation: a later invocation with another secret does not change it.
        secrets: await actual.secretStoreOf(opts, { ...process.env }),
        settings: actual.settingsStoreOf(opts),
        version: '0.1.0',
        clock: testClock,
      });
    },
  };
}
