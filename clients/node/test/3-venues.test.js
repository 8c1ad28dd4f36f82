// Venues with seat maps through the REST gateway against the live stack (gateway -> event-service -> PostgreSQL).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import crypto from 'node:crypto';

const GATEWAY = `http://${process.env.TICKETMESH_HOST ?? '127.0.0.1'}:8080`;

async function rest(method, path, { body, token, headers = {} } = {}) {
  const response = await fetch(GATEWAY + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

async function login(email, password = 'demo-password-1') {
  return (await rest('POST', '/api/v1/auth/login', { body: { email, password } })).json.access_token;
}

/** 40 rows of 50 seats and a standing floor: 2,000 seats. */
function hall() {
  const rows = Array.from({ length: 40 }, (_, r) => ({
    label: `R${r + 1}`,
    seats: Array.from({ length: 50 }, (_, n) => ({
      label: String(n + 1), x: n, y: r, tier: r < 10 ? 'A' : 'B',
      accessibility: r === 0 && n === 0 ? ['WHEELCHAIR'] : r === 0 && n === 1 ? ['COMPANION'] : [],
    })),
  }));
  return {
    name: 'Node Test Hall', city: 'Vienna', address: 'Ring 1', timezone: 'Europe/Vienna', country_code: 'AT',
    seat_map: { stage: { x: 25, y: -3 }, sections: [
      { name: 'Parterre', kind: 'SEATED', default_tier: 'A', rows },
      { name: 'Floor', kind: 'STANDING', capacity: 300, default_tier: 'C' },
    ] },
  };
}

it('an owner creates a 2,000-seat venue, everyone reads every seat id, others may not create', async () => {
  const owner = await login('owner@demo.ticketmesh.dev');
  const org = (await rest('GET', '/api/v1/me', { token: owner })).json.memberships[0].organization_id;

  const created = await rest('POST', `/api/v1/organizations/${org}/venues`, {
    token: owner, body: hall(), headers: { 'idempotency-key': crypto.randomUUID() } });
  assert.equal(created.status, 201, JSON.stringify(created.json));
  assert.equal(created.json.capacity, 2300);

  const read = await rest('GET', `/api/v1/venues/${created.json.venue_id}`);
  assert.equal(read.status, 200);
  const seats = read.json.seat_map.sections[0].rows.flatMap((row) => row.seats);
  assert.equal(seats.length, 2000);
  assert.equal(new Set(seats.map((s) => s.seat_id)).size, 2000);
  assert.deepEqual(seats[0].accessibility, ['WHEELCHAIR']);

  const broken = hall();
  broken.seat_map.sections[0].rows[1].label = 'R1';
  broken.seat_map.sections[0].rows[2].seats[3].x = 2.1;
  const refused = await rest('POST', `/api/v1/organizations/${org}/venues`, { token: owner, body: broken });
  assert.equal(refused.status, 409);
  assert.equal(refused.json.code, 'SEAT_MAP_INVALID');
  assert.ok(refused.json.errors.length >= 2);

  const stranger = (await rest('POST', '/api/v1/auth/register', { body: {
    email: `stranger-${crypto.randomUUID()}@example.test`, password: 'a long enough passphrase', name: 'Stranger' } })).json;
  const strangerToken = await login(stranger.email, 'a long enough passphrase');
  const denied = await rest('POST', `/api/v1/organizations/${org}/venues`, { token: strangerToken, body: hall() });
  assert.equal(denied.status, 403);
  assert.equal(denied.json.code, 'PERMISSION_DENIED');
});
