import { ConfigError } from '@mot/core';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { redisOptions } from './redis-connection.js';

const test = suite('redisOptions');

test('host, port, database and credentials from the URL; workers wait across restarts', () => {
  const o = redisOptions('redis://alice:s%40cret@10.0.0.5:6380/2');
  assert.equal([o.host, o.port, o.db, o.username, o.password, o.maxRetriesPerRequest, o.tls], ['10.0.0.5', 6380, 2, 'alice', 's@cret', null, undefined]);
  const d = redisOptions('redis://127.0.0.1');
  assert.equal([d.host, d.port, d.db], ['127.0.0.1', 6379, 0]);
  assert.equal(redisOptions('rediss://h:1').tls, {});
});

test('anything but a redis URL is a ConfigError quoting it', () => {
  assert.throws(() => redisOptions('localhost:6379'), (e: unknown) => e instanceof ConfigError && /--redis must be a redis:\/\/ or rediss:\/\/ URL, got 'localhost:6379'/.test((e as Error).message));
  assert.throws(() => redisOptions('not a url'), (e: unknown) => e instanceof ConfigError && /like redis:\/\/127\.0\.0\.1:6379, got 'not a url'/.test((e as Error).message));
  assert.throws(() => redisOptions('redis://h/x'), (e: unknown) => e instanceof ConfigError && /database number/.test((e as Error).message));
});

test.run();
