#!/usr/bin/env node
// The workspace ships TypeScript sources; tsx compiles them on load, so `mot`
// runs from a fresh clone with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
