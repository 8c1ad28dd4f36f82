// Last: the files before this one called every operation the gateway's OpenAPI description lists, so each was held
// against it (support/gateway.js notes the operations each file calls).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describedOperations } from './support/described.js';
import { calledThisRun, description } from './support/gateway.js';

it('every operation the description lists was called by this run, and its answers held against it', async (t) => {
  const called = calledThisRun();
  if (!called) {
    t.skip('run alone: no file before it called the gateway');
    return;
  }
  const uncalled = describedOperations(await description()).filter((operation) => !called.has(operation));
  assert.deepEqual(uncalled, [], 'operations no test calls, so none of their answers was held against the description');
});
