// The REST gateway as the test files call it: requests, logins, new customers, published seat maps and test cards.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';

export const HOST = process.env.TICKETMESH_HOST ?? '127.0.0.1';
export const GATEWAY = `http://${HOST}:8080`;
export const DEMO_PASSWORD = 'demo-password-1';
const NEW_PASSWORD = 'a long enough passphrase';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A REST call: its status, headers and body (parsed when JSON, else text; null when empty). `key` is sent as the
 * Idempotency-Key. An answer 429 (this address's login budget spent) is sent again once Retry-After allows, ten times
 * at most: the gateway refuses a limited request before doing anything, so sending it again is safe.
 */
export async function rest(method, path, { body, token, key, headers = {} } = {}) {
  const send = () => fetch(GATEWAY + path, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(key ? { 'idempotency-key': key } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let response = await send();
  for (let retries = 0; response.status === 429 && retries < 10; retries++) {
    await sleep(1000 * (1 + Number(response.headers.get('retry-after') ?? 5)));
    response = await send();
  }
  const text = await response.text();
  const json = /json/.test(response.headers.get('content-type') ?? '');
  return { status: response.status, headers: response.headers, json: !text ? null : json ? JSON.parse(text) : text };
}

const tokens = new Map();

/**
 * An access token for the account, logged in once per test file: the gateway allows an address 20 logins a minute,
 * and the files run one after another within a minute or so.
 */
export async function login(email, password = DEMO_PASSWORD) {
  if (!tokens.has(email)) {
    const answer = await rest('POST', '/api/v1/auth/login', { body: { email, password } });
    assert.equal(answer.status, 200, JSON.stringify(answer.json));
    tokens.set(email, answer.json.access_token);
  }
  return tokens.get(email);
}

/** A newly registered customer's access token. */
export async function newCustomer(name = 'Customer') {
  const email = `${name.toLowerCase()}-${crypto.randomUUID()}@example.test`;
  const registered = await rest('POST', '/api/v1/auth/register', { body: { email, password: NEW_PASSWORD, name } });
  assert.equal(registered.status, 201, JSON.stringify(registered.json));
  return login(email, NEW_PASSWORD);
}

/** The showtime's seat map (`view` as the API takes it), once ticket-service has built its inventory. */
export async function seatMap(showtimeId, view) {
  const path = `/api/v1/showtimes/${showtimeId}/seats${view ? `?view=${view}` : ''}`;
  for (let attempt = 0; attempt < 100; attempt++) {
    const answer = await rest('GET', path);
    if (answer.status === 200) return answer.json;
    await sleep(300);
  }
  throw new Error(`no inventory for ${showtimeId}`);
}

/** The first showtime of the demo catalog's event found by `q` (hamlet: Grand Hall; riverside: the concert). */
export async function demoShowtimeId(q) {
  const search = await rest('GET', `/api/v1/events?q=${q}`);
  return search.json.hits[0].showtimes[0].showtime_id;
}

/** A payment body with one of the simulated provider's test cards (API.md). */
export const card = (number) => ({ card_number: number, exp_month: 12, exp_year: 2035, cvc: '123' });
