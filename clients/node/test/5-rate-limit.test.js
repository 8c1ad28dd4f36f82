// Runs last: it spends this machine's login budget at the gateway for the next minute.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { GATEWAY } from './support/gateway.js';

it('a burst of logins past the limit gets 429 with Retry-After', async () => {
  let limited;
  // more than twice the budget (20 a minute by default, 60 in ./ticketmesh test), so a window that ends mid-burst
  // still leaves a whole budget to spend before the refusal
  for (let i = 0; i < 150 && !limited; i++) {
    const response = await fetch(`${GATEWAY}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'nobody@example.test', password: 'wrong password' }),
    });
    if (response.status === 429) limited = response;
    else assert.equal(response.status, 401);
  }
  assert.ok(limited, 'the burst was limited');
  assert.ok(Number(limited.headers.get('retry-after')) >= 1);
  assert.equal((await limited.json()).code, 'RATE_LIMITED');
});
