// Component tests of the renderer: jsdom + Testing Library, run as the 'renderer' project of the root config.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineProject } from 'vitest/config';

// Paths are relative to renderer/ (this file's folder): src/** here is renderer/src/**.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineProject({
  root,
  plugins: [react()],
  test: {
    name: 'renderer',
    environment: 'jsdom',
    include: ['**/*.test.tsx'],
    exclude: ['dist/**', 'node_modules/**'],
    setupFiles: ['src/test/setup.ts'],
    testTimeout: 30_000,
  },
});
