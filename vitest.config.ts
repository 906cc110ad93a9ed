import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Node-side tests (core, shells, integration, e2e), and the renderer's component tests as their own project.
const rendererProject = 'renderer/vitest.config.ts';

export default defineConfig({
  test: {
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      ...(existsSync(rendererProject) ? [rendererProject] : []),
    ],
  },
});
