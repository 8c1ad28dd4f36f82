// Seat maps and holds through the REST gateway on the demo showtime (gateway -> ticket-service -> PostgreSQL + Redis).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import crypto from 'node:crypto';

const GATEWAY = `http://${process.env.TICKETMESH_HOST ?? '127.0.0.1'}:8080`;

async function rest(method, path, { body, token } = {}) {
  const response = await fetch(GATEWAY + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

async function login(email, password = 'demo-password-1') {
  return (await rest('POST', '/api/v1/auth/login', { body: { email, password } })).json.access_token;
}

async function newCustomer() {
  const email = `customer-${crypto.randomUUID()}@example.test`;
  await rest('POST', '/api/v1/auth/register', { body: { email, password: 'a long enough passphrase', name: 'Customer' } });
  return login(email, 'a long enough passphrase');
}

/** The demo catalog's first showtime on sale, once ticket-service has built its inventory. */
async function demoSeatMap() {
  const search = await rest('GET', '/api/v1/events?q=hamlet');
  const showtimeId = search.json.hits[0].showtimes[0].showtime_id;
  for (let attempt = 0; attempt < 100; attempt++) {
    const seats = await rest('GET', `/api/v1/showtimes/${showtimeId}/seats`);
    if (seats.status === 200) return { showtimeId, map: seats.json };
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`no inventory for ${showtimeId}`);
}

it('the seat map shows every seat with its state and a version', async () => {
  const { map } = await demoSeatMap();
  assert.equal(map.seats.length, 2000);
  assert.ok(typeof map.version === 'number');
  assert.ok(map.seats.every((s) => ['AVAILABLE', 'HELD', 'SOLD', 'BLOCKED'].includes(s.state) && s.seat_id && s.price));
});

it('two customers racing for the same seats: one holds them, the other gets 409 SEAT_UNAVAILABLE naming them', async () => {
  const { showtimeId, map } = await demoSeatMap();
  const wanted = map.seats.filter((s) => s.state === 'AVAILABLE').slice(0, 2).map((s) => s.seat_id);
  const [alice, other] = [await login('alice@demo.ticketmesh.dev'), await newCustomer()];

  const answers = await Promise.all([alice, other].map((token) =>
    rest('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token, body: { seat_ids: wanted } })));
  const won = answers.find((a) => a.status === 201);
  const lost = answers.find((a) => a.status === 409);
  assert.ok(won && lost, JSON.stringify(answers.map((a) => a.status)));
  assert.deepEqual([...won.json.seat_ids].sort(), [...wanted].sort());
  assert.ok(won.json.hold_id && won.json.expires_at);
  assert.equal(lost.json.code, 'SEAT_UNAVAILABLE');
  assert.ok(lost.json.seat_ids.length > 0 && lost.json.seat_ids.every((id) => wanted.includes(id)));

  const after = await rest('GET', `/api/v1/showtimes/${showtimeId}/seats`);
  assert.ok(after.json.version > map.version);
  assert.ok(after.json.seats.filter((s) => wanted.includes(s.seat_id)).every((s) => s.state === 'HELD'));

  const winner = answers[0] === won ? alice : other;
  assert.equal((await rest('DELETE', `/api/v1/holds/${won.json.hold_id}`, { token: winner })).status, 204);
  const released = await rest('GET', `/api/v1/showtimes/${showtimeId}/seats`);
  assert.ok(released.json.seats.filter((s) => wanted.includes(s.seat_id)).every((s) => s.state === 'AVAILABLE'));
});
