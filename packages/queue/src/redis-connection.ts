import { ConfigError } from '@mot/core';
import type { RedisOptions } from 'bullmq';

/** The default Redis of `mot queue` and `mot worker`: `MOT_REDIS_URL`, else a local server. */
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * ioredis options for a `redis://[user:password@]host[:port][/db]` URL.
 * `maxRetriesPerRequest: null` is what BullMQ workers need: a command waits
 * across a Redis restart instead of failing after a few retries.
 * @throws ConfigError for anything but a redis:// or rediss:// URL
 */
export function redisOptions(url: string): RedisOptions {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ConfigError(`--redis must be a URL like redis://127.0.0.1:6379, got '${url.slice(0, 80)}'`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') {
    throw new ConfigError(`--redis must be a redis:// or rediss:// URL, got '${url.slice(0, 80)}'`);
  }
  const db = u.pathname && u.pathname !== '/' ? Number(u.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new ConfigError(`--redis: the database number must be a non-negative integer, got '${u.pathname.slice(1)}'`);
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    // Reconnect quickly after a restart, at most every 2 s.
    retryStrategy: (times: number) => Math.min(100 * times, 2000),
  };
}
