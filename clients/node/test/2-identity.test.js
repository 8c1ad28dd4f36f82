// The REST gateway's identity against the live stack, and its tokens at every gRPC service.
import assert from 'node:assert/strict';
import { describe, it, after } from 'node:test';
import crypto from 'node:crypto';
import grpc from '@grpc/grpc-js';
import { SERVICES, loadContracts, connect, unary, errorDetails } from '../src/ticketmesh.js';
import { HOST, login, rest } from './support/gateway.js';

const contracts = loadContracts();
const clients = [];
after(() => clients.forEach((c) => c.close()));

/** One RPC per service that fails validation: reaching validation proves the token was accepted. */
const INVALID_CALLS = {
  'event-service': ['ticketmesh.event.v1.VenueService', 'GetVenue', { venue_id: 'x' }],
  'ticket-service': ['ticketmesh.ticket.v1.InventoryService', 'GetSeatAvailability', { showtime_id: 'x' }],
  'booking-service': ['ticketmesh.booking.v1.BookingService', 'GetBooking', { booking_id: 'x' }],
  'payment-service': ['ticketmesh.payment.v1.PaymentService', 'GetPayment', { payment_id: 'x' }],
};

async function callWith(service, token) {
  const [serviceName, method, request] = INVALID_CALLS[service.name];
  const client = connect(contracts, serviceName, `${HOST}:${service.port}`, { token });
  clients.push(client);
  try {
    await unary(client, method, request);
    return 'OK';
  } catch (error) {
    return { code: error.code, reason: errorDetails(error).reason };
  }
}

describe('identity through the REST gateway', () => {
  const email = `node-${crypto.randomUUID()}@example.test`;
  const password = 'a long enough passphrase';
  let tokens;

  it('register, login and me', async () => {
    const registered = await rest('POST', '/api/v1/auth/register', { body: { email, password, name: 'Node Client' } });
    assert.equal(registered.status, 201);
    const loggedIn = await rest('POST', '/api/v1/auth/login', { body: { email, password } });
    assert.equal(loggedIn.status, 200);
    tokens = loggedIn.json;
    const me = await rest('GET', '/api/v1/me', { token: tokens.access_token });
    assert.equal(me.status, 200);
    assert.equal(me.json.email, email);
  });

  it('a user corrects their name, and a blank one is refused naming the field', async () => {
    const renamed = await rest('PATCH', '/api/v1/me', { token: tokens.access_token, body: { name: 'Node Client Renamed' } });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.json.name, 'Node Client Renamed');
    const blank = await rest('PATCH', '/api/v1/me', { token: tokens.access_token, body: { name: '' } });
    assert.equal(blank.status, 400);
    assert.equal(blank.json.errors[0].field, 'name');
    assert.equal((await rest('GET', '/api/v1/me', { token: tokens.access_token })).json.name, 'Node Client Renamed');
  });

  it('refresh rotates, and a reused refresh token is caught', async () => {
    const rotated = await rest('POST', '/api/v1/auth/refresh', { body: { refresh_token: tokens.refresh_token } });
    assert.equal(rotated.status, 200);
    assert.notEqual(rotated.json.refresh_token, tokens.refresh_token);
    const reused = await rest('POST', '/api/v1/auth/refresh', { body: { refresh_token: tokens.refresh_token } });
    assert.equal(reused.status, 401);
    assert.equal(reused.json.code, 'REFRESH_TOKEN_REUSED');
  });

  it('the JWKS publishes the key that signed the access token', async () => {
    const jwks = await rest('GET', '/.well-known/jwks.json');
    const header = JSON.parse(Buffer.from(tokens.access_token.split('.')[0], 'base64url'));
    const jwk = jwks.json.keys.find((k) => k.kid === header.kid);
    assert.ok(jwk, 'kid is published');
    const [h, p, s] = tokens.access_token.split('.');
    const key = crypto.createPublicKey({ key: jwk, format: 'jwk' });
    assert.ok(crypto.verify('RSA-SHA256', Buffer.from(`${h}.${p}`), key, Buffer.from(s, 'base64url')));
  });

  it('alg:none and forged tokens get 401 at the gateway', async () => {
    const [, payload] = tokens.access_token.split('.');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    const forged = `${tokens.access_token.slice(0, -6)}AAAAAA`;
    for (const token of [none, forged]) {
      const me = await rest('GET', '/api/v1/me', { token });
      assert.equal(me.status, 401);
      assert.equal(me.json.code, 'UNAUTHENTICATED');
    }
  });

  it('the demo accounts exist', async () => {
    const me = await rest('GET', '/api/v1/me', { token: await login('owner@demo.ticketmesh.dev') });
    assert.equal(me.json.memberships[0].organization_name, 'Demo Theatre');
    assert.equal(me.json.memberships[0].role, 'OWNER');
  });
});

describe('every gRPC service checks gateway tokens itself', () => {
  for (const service of SERVICES.filter((s) => INVALID_CALLS[s.name])) {
    it(`${service.name} accepts a real token and refuses forged and alg:none ones`, async () => {
      const token = await login('alice@demo.ticketmesh.dev');
      const accepted = await callWith(service, token);
      assert.deepEqual(accepted, { code: grpc.status.INVALID_ARGUMENT, reason: 'VALIDATION_FAILED' });

      const [, payload] = token.split('.');
      const none = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${payload}.`;
      for (const bad of [none, `${token.slice(0, -6)}AAAAAA`]) {
        assert.deepEqual(await callWith(service, bad), { code: grpc.status.UNAUTHENTICATED, reason: 'UNAUTHENTICATED' });
      }
    });
  }
});
