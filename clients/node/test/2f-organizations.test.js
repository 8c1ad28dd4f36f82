// Organizations and their members, signing out and service tokens through the REST gateway (identity, in the gateway).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import crypto from 'node:crypto';
import { newCustomer, rest } from './support/gateway.js';

const PASSWORD = 'a long enough passphrase';

/** A newly registered account signed in: its address and both tokens. */
async function signedIn(name) {
  const email = `${name.toLowerCase()}-${crypto.randomUUID()}@example.test`;
  assert.equal((await rest('POST', '/api/v1/auth/register', { body: { email, password: PASSWORD, name } })).status, 201);
  const tokens = await rest('POST', '/api/v1/auth/login', { body: { email, password: PASSWORD } });
  assert.equal(tokens.status, 200, JSON.stringify(tokens.json));
  return { email, ...tokens.json };
}

it('a customer makes an organization and owns it; adds a registered customer as STAFF, makes them OWNER and takes them out', async () => {
  const founder = await signedIn('Founder');
  const made = await rest('POST', '/api/v1/organizations', { token: founder.access_token, body: { name: 'Riverside Players' } });
  assert.equal(made.status, 201, JSON.stringify(made.json));
  assert.deepEqual([made.json.name, made.json.role], ['Riverside Players', 'OWNER']);
  const owner = (await rest('POST', '/api/v1/auth/refresh', { body: { refresh_token: founder.refresh_token } })).json.access_token;
  const members = `/api/v1/organizations/${made.json.id}/members`;
  const listed = async () => (await rest('GET', members, { token: owner })).json.members.map((m) => [m.email, m.role]);
  assert.deepEqual(await listed(), [[founder.email, 'OWNER']]);

  const colleague = await newCustomer('Colleague');
  const colleagueEmail = (await rest('GET', '/api/v1/me', { token: colleague })).json.email;
  const added = await rest('POST', members, { token: owner, body: { email: colleagueEmail, role: 'STAFF' } });
  assert.deepEqual([added.status, added.json.role], [201, 'STAFF'], JSON.stringify(added.json));
  assert.equal((await rest('GET', members, { token: colleague })).status, 403, 'members are listed to OWNERs only');
  const promoted = await rest('POST', members, { token: owner, body: { email: colleagueEmail, role: 'OWNER' } });
  assert.deepEqual([promoted.status, promoted.json.role], [200, 'OWNER'], 'the same member, another role');
  assert.deepEqual(await listed(), [[founder.email, 'OWNER'], [colleagueEmail, 'OWNER']], 'oldest first');
  const nobody = `nobody-${crypto.randomUUID()}@example.test`;
  const unknown = await rest('POST', members, { token: owner, body: { email: nobody, role: 'STAFF' } });
  assert.equal(unknown.status, 400, 'only a registered account can be added');

  for (const time of ['taken out', 'taken out again, changing nothing']) {
    assert.equal((await rest('DELETE', `${members}/${added.json.user_id}`, { token: owner })).status, 204, time);
  }
  const founderId = (await rest('GET', members, { token: owner })).json.members[0].user_id;
  const last = await rest('DELETE', `${members}/${founderId}`, { token: owner });
  assert.deepEqual([last.status, last.json.code], [409, 'INVALID_STATE'], 'the last OWNER stays one');
});

it('signing out ends the session: its refresh token no longer works', async () => {
  const session = await signedIn('Leaver');
  assert.equal((await rest('POST', '/api/v1/auth/logout', { token: session.access_token })).status, 204);
  const refreshed = await rest('POST', '/api/v1/auth/refresh', { body: { refresh_token: session.refresh_token } });
  assert.equal(refreshed.status, 401, JSON.stringify(refreshed.json));
});

it('a service token is refused for a wrong secret without saying which part was wrong', async () => {
  const refused = await rest('POST', '/api/v1/auth/service-token', { form: {
    grant_type: 'client_credentials', client_id: 'booking-service', client_secret: 'not the secret' } });
  assert.deepEqual([refused.status, refused.json.code], [401, 'INVALID_CREDENTIALS']);
});
