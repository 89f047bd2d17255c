import { fileURLToPath } from 'node:url';

/**
 * The `mot` entry script of this package, for commands that start `mot` again
 * as a child (the queue worker runs each job as `mot track`). `src/` and a
 * built `dist/` both sit one level below the package root, beside `bin/`.
 */
export const MOT_ENTRY = fileURLToPath(new URL('../bin/mot.js', import.meta.url));
