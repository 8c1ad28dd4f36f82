// A forgotten password reset through the link mailed by workers, and a password changed by its owner, against the
// live stack: gateway, outbox, Kafka, workers and the local mailbox.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import grpc from '@grpc/grpc-js';
import { SERVICES, loadContracts, connect, unary } from '../src/ticketmesh.js';
import { HOST, awaitMail, eventually, newCustomer, rest } from './support/gateway.js';

/** What ticket-service answers a call made with the token: UNAUTHENTICATED once it has read the token's revocation. */
async function ticketServiceAnswers(token) {
  const port = SERVICES.find((s) => s.name === 'ticket-service').port;
  const client = connect(loadContracts(), 'ticketmesh.ticket.v1.InventoryService', `${HOST}:${port}`, { token });
  try {
    await unary(client, 'GetSeatAvailability', { showtime_id: 'not-a-uuid' });
    return grpc.status.OK;
  } catch (error) {
    return error.code;
  } finally {
    client.close();
  }
}

const NEW_PASSWORD = 'a long enough passphrase';

describe('passwords through the REST gateway', () => {
  let token;
  let email;

  it('a reset link mailed to the account sets a new password once, and the change is told', async () => {
    token = await newCustomer('Forgetful');
    email = (await rest('GET', '/api/v1/me', { token })).json.email;
    const sessions = await rest('POST', '/api/v1/auth/login', { body: { email, password: NEW_PASSWORD } });

    const asked = await rest('POST', '/api/v1/auth/password-reset', { body: { email } });
    assert.equal(asked.status, 202);
    const stranger = await rest('POST', '/api/v1/auth/password-reset', { body: { email: `nobody-${Date.now()}@example.test` } });
    assert.equal(stranger.status, 202, 'an address without an account gets the same answer');

    const mail = await awaitMail(token, /^Reset your Ticketmesh password$/);
    const resetToken = /reset-password\?token=([A-Za-z0-9_-]{43})/.exec(mail.body)?.[1];
    assert.ok(resetToken, mail.body);

    const confirmed = await rest('POST', '/api/v1/auth/password-reset/confirm', { body: { token: resetToken, password: 'a brand new passphrase' } });
    assert.equal(confirmed.status, 204);
    const again = await rest('POST', '/api/v1/auth/password-reset/confirm', { body: { token: resetToken, password: 'yet another passphrase' } });
    assert.equal(again.status, 400);
    assert.equal(again.json.code, 'RESET_TOKEN_INVALID');

    const refreshed = await rest('POST', '/api/v1/auth/refresh', { body: { refresh_token: sessions.json.refresh_token } });
    assert.equal(refreshed.status, 401, 'every session is signed out');
    assert.equal(await eventually(async () => (await rest('GET', '/api/v1/me', { token })).status, 401), 401,
      'its access tokens are refused by the gateway');
    assert.equal(await eventually(() => ticketServiceAnswers(token), grpc.status.UNAUTHENTICATED), grpc.status.UNAUTHENTICATED,
      'and by every service');
    assert.equal((await rest('POST', '/api/v1/auth/login', { body: { email, password: NEW_PASSWORD } })).status, 401);
    assert.equal((await rest('POST', '/api/v1/auth/login', { body: { email, password: 'a brand new passphrase' } })).status, 200);
    assert.match((await awaitMail(token, /^Your Ticketmesh password was changed$/)).body, /through a reset link/);
  });

  it('the signed-in owner changes the password, given the current one', async () => {
    const session = (await rest('POST', '/api/v1/auth/login', { body: { email, password: 'a brand new passphrase' } })).json;
    const wrong = await rest('POST', '/api/v1/me/password', { token: session.access_token,
      body: { current_password: 'not my passphrase', new_password: 'the third passphrase' } });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.json.code, 'INVALID_CREDENTIALS');
    assert.equal(wrong.json.errors[0].field, 'current_password');

    const changed = await rest('POST', '/api/v1/me/password', { token: session.access_token,
      body: { current_password: 'a brand new passphrase', new_password: 'the third passphrase' } });
    assert.equal(changed.status, 204);
    const retried = await rest('POST', '/api/v1/me/password', { token: session.access_token,
      body: { current_password: 'a brand new passphrase', new_password: 'the third passphrase' } });
    assert.equal(retried.status, 204, 'a retry of a change that went through answers as it did');
    const refreshed = await rest('POST', '/api/v1/auth/refresh', { body: { refresh_token: session.refresh_token } });
    assert.equal(refreshed.status, 200, 'the session it was changed from stays signed in');
  });
});
