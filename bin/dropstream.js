#!/usr/bin/env node
// The `dropstream` command: runs the TypeScript sources through tsx (a runtime dependency), so the command works
// right after `npm install` without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../main/cli/index.ts');
