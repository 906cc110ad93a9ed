// Component tests of the renderer: jsdom + Testing Library, run as the 'renderer' project of the root config.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineProject } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));

export default defineProject({
  root,
  plugins: [react()],
  test: {
    name: 'renderer',
    environment: 'jsdom',
    include: ['renderer/**/*.test.tsx'],
    setupFiles: ['renderer/src/test/setup.ts'],
    testTimeout: 30_000,
  },
});
