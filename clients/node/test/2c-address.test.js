// An account moved to another address through the link mailed there by workers, against the live stack: gateway,
// outbox, Kafka, workers and the local mailbox.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { awaitMail, awaitMailTo, eventually, newCustomer, rest } from './support/gateway.js';

const PASSWORD = 'a long enough passphrase';

describe('an address change through the REST gateway', () => {
  it('the link mailed to the new address moves the account, and the old address is told', async () => {
    const token = await newCustomer('Moving');
    const old = (await rest('GET', '/api/v1/me', { token })).json.email;
    const next = `moved-${crypto.randomUUID()}@example.test`;
    const session = (await rest('POST', '/api/v1/auth/login', { body: { email: old, password: PASSWORD } })).json;

    const wrong = await rest('POST', '/api/v1/me/email', { token, body: { email: next, password: 'not my passphrase' } });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.json.errors[0].field, 'password');
    const asked = await rest('POST', '/api/v1/me/email', { token, body: { email: next, password: PASSWORD } });
    assert.equal(asked.status, 202);
    assert.equal((await rest('GET', '/api/v1/me', { token })).json.email, old, 'unchanged until confirmed');

    const mail = await awaitMailTo(next, /^Confirm your new Ticketmesh address$/);
    const confirmation = /confirm-email\?token=([A-Za-z0-9_-]{43})/.exec(mail.body)?.[1];
    assert.ok(confirmation, mail.body);
    const notice = await awaitMail(token, /^A new address was asked for your Ticketmesh account$/);
    assert.match(notice.body, new RegExp(`to move it to ${next}`));
    assert.doesNotMatch(notice.body, new RegExp(confirmation), 'the link goes to the new address only');
    const confirmed = await rest('POST', '/api/v1/auth/email-confirmation', { body: { token: confirmation } });
    assert.equal(confirmed.status, 204);

    const told = await awaitMail(token, /^Your Ticketmesh address was changed$/);
    assert.match(told.body, new RegExp(`changed to ${next}`));
    assert.equal((await rest('POST', '/api/v1/auth/login', { body: { email: old, password: PASSWORD } })).status, 401);
    assert.equal((await rest('POST', '/api/v1/auth/login', { body: { email: next, password: PASSWORD } })).status, 200);

    assert.equal(await eventually(async () => (await rest('GET', '/api/v1/me', { token })).status, 401), 401,
      'the token naming the old address is refused');
    const refreshed = await rest('POST', '/api/v1/auth/refresh', { body: { refresh_token: session.refresh_token } });
    assert.equal(refreshed.status, 200, 'the session stays');
    assert.equal((await rest('GET', '/api/v1/me', { token: refreshed.json.access_token })).json.email, next);
  });
});
