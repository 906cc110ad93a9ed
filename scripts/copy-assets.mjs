// Copies the non-TypeScript files the compiled main process reads at run time (the SQL migrations) into dist/.
import { cpSync } from 'node:fs';

cpSync('main/core/store/migrations', 'dist/main/core/store/migrations', { recursive: true });
