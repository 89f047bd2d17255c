// Test helpers of @mot/queue: a real redis-server per test run. Not part of the public API.
export { type RedisServer, findRedisServer, freePort, startRedisServer } from './redis-server.js';
export { MOT_BIN, killStartedMots, processesMentioning, runMot, startMot } from './mot-cli.js';
