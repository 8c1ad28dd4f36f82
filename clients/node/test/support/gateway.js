// The REST gateway as the test files call it: requests, logins, new customers, published seat maps and test cards.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { operationName, unlikeDescription } from './described.js';

export const HOST = process.env.TICKETMESH_HOST ?? '127.0.0.1';
export const GATEWAY = `http://${HOST}:8080`;
export const DEMO_PASSWORD = 'demo-password-1';
const NEW_PASSWORD = 'a long enough passphrase';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A REST call: its status, headers, bytes and body (parsed when JSON, else text; null when empty). `body` is sent as
 * JSON, `form` as a form (application/x-www-form-urlencoded); `key` is sent as the Idempotency-Key. An answer 429 (this
 * address's login budget spent) is sent again once Retry-After allows, ten times at most: the gateway refuses a limited
 * request before doing anything, so sending it again is safe. Every answer, and every body the gateway took, is held
 * against its OpenAPI description (described.js): a status, media type or field it does not describe fails the test
 * that got it.
 */
export async function rest(method, path, { body, form, token, key, headers = {} } = {}) {
  const send = () => fetch(GATEWAY + path, {
    method,
    headers: {
      'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(key ? { 'idempotency-key': key } : {}),
      ...headers,
    },
    body: form ? new URLSearchParams(form) : body === undefined ? undefined : JSON.stringify(body),
  });
  let response = await send();
  for (let retries = 0; response.status === 429 && retries < 10; retries++) {
    await sleep(1000 * (1 + Number(response.headers.get('retry-after') ?? 5)));
    response = await send();
  }
  const bytes = Buffer.from(await response.arrayBuffer());
  const text = bytes.toString('utf8');
  const json = /json/.test(response.headers.get('content-type') ?? '');
  const answer = { status: response.status, headers: response.headers, bytes, json: !text ? null : json ? JSON.parse(text) : text };
  const described = await description();
  assert.deepEqual(unlikeDescription(described, method, path, { status: answer.status, contentType: response.headers.get('content-type'),
    answered: bytes.length > 0, json: json ? answer.json : null, body }), [],
  `${method} ${path} answered ${answer.status} otherwise than /v3/api-docs describes: ${text.slice(0, 300)}`);
  const operation = operationName(described, method, path);
  if (operation) fs.appendFileSync(CALLS, `${operation}\n`);
  return answer;
}

let openapi;
/** The gateway's OpenAPI description, read once. */
export async function description() {
  openapi ??= await (await fetch(`${GATEWAY}/v3/api-docs`)).json();
  return openapi;
}

/**
 * Where each test file of this run notes the described operations it called: named by the runner's process, the
 * parent of every file's own (node --test runs each file in a process of its own).
 */
const CALLS = join(tmpdir(), `ticketmesh-node-calls-${process.ppid}.log`);

/** The described operations the files of this run called so far; null when none did (a file run alone). */
export function calledThisRun() {
  return fs.existsSync(CALLS) ? new Set(fs.readFileSync(CALLS, 'utf8').split('\n').filter(Boolean)) : null;
}

const tokens = new Map();

/**
 * An access token for the account, logged in once per test file: the gateway allows an address 20 sign-ins a minute
 * by default (60 in ./ticketmesh test's stack), and the files run one after another within a few minutes.
 */
export async function login(email, password = DEMO_PASSWORD) {
  if (!tokens.has(email)) {
    const answer = await rest('POST', '/api/v1/auth/login', { body: { email, password } });
    assert.equal(answer.status, 200, JSON.stringify(answer.json));
    tokens.set(email, answer.json.access_token);
  }
  return tokens.get(email);
}

const emails = new Map();

/** A newly registered customer's access token. */
export async function newCustomer(name = 'Customer') {
  const email = `${name.toLowerCase()}-${crypto.randomUUID()}@example.test`;
  const registered = await rest('POST', '/api/v1/auth/register', { body: { email, password: NEW_PASSWORD, name } });
  assert.equal(registered.status, 201, JSON.stringify(registered.json));
  const token = await login(email, NEW_PASSWORD);
  emails.set(token, email);
  return token;
}

/**
 * The mail the local stack's SMTP server received for the customer of `token` (made by newCustomer) whose subject
 * matches `subject`, once it arrived (20 seconds at most): {to, subject, body, attachments: [{filename, content_type, size}]}.
 */
export async function awaitMail(token, subject) {
  return awaitMailTo(emails.get(token), subject);
}

/** Polls `answer` (10 s at most) until it gives `wanted`; answers the last it gave. */
export async function eventually(answer, wanted) {
  let last;
  for (let attempt = 0; attempt < 50 && last !== wanted; attempt++) {
    if (attempt > 0) await sleep(200);
    last = await answer();
  }
  return last;
}

/** As awaitMail, for any address. */
export async function awaitMailTo(address, subject) {
  const mailbox = `http://${HOST}:${process.env.TM_MAILBOX_PORT ?? 8025}/api/messages`;
  for (let attempt = 0; attempt < 100; attempt++) {
    const mail = (await (await fetch(mailbox)).json()).find((m) => m.to.includes(address) && subject.test(m.subject));
    if (mail) return mail;
    await sleep(200);
  }
  throw new Error(`no mail ${subject} to ${address}`);
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

/**
 * A showtime the demo owner publishes in a new venue of `sections` (seat_map sections as the API takes them), 20 days
 * ahead, at `prices` ({tier: amount in pence}), with any further showtime fields in `fields`; answers its id and the
 * owner's token once its inventory is built.
 */
export async function publishedShowtime({ venue, title, category, sections, prices, fields = {} }) {
  const owner = await login('owner@demo.ticketmesh.dev');
  const org = (await rest('GET', '/api/v1/me', { token: owner })).json.memberships[0].organization_id;
  const hall = (await rest('POST', `/api/v1/organizations/${org}/venues`, { token: owner, body: {
    name: venue, city: 'Leeds', address: '2 Mill Lane', timezone: 'Europe/London', country_code: 'GB',
    seat_map: { stage: { x: 5, y: -3 }, sections } } })).json;
  const event = (await rest('POST', `/api/v1/organizations/${org}/events`, { token: owner, body: {
    title, description: `${title}, a test of the node client`, category, duration: '7200s', language: 'en' } })).json;
  const showtime = (await rest('POST', `/api/v1/events/${event.event_id}/showtimes`, { token: owner, body: {
    venue_id: hall.venue_id, starts_at: new Date(Date.now() + 20 * 24 * 3600 * 1000).toISOString(),
    price_tiers: Object.entries(prices).map(([tier, cents]) => ({ tier, price: { amount_minor: cents, currency: 'GBP' } })),
    ...fields } })).json;
  assert.equal((await rest('POST', `/api/v1/showtimes/${showtime.showtime_id}/publish`, { token: owner })).status, 200);
  await seatMap(showtime.showtime_id);
  return { showtimeId: showtime.showtime_id, owner };
}

/** Rows of seats labelled A, B, ... with `perRow` seats each, for a seat_map section. */
export const seatRows = (count, perRow) => Array.from({ length: count }, (_, r) => ({
  label: String.fromCharCode(65 + r), seats: Array.from({ length: perRow }, (_, n) => ({ label: String(n + 1), x: n, y: r })) }));

/** The first showtime of the demo catalog's event found by `q` (hamlet: Grand Hall; riverside: the concert). */
export async function demoShowtimeId(q) {
  const search = await rest('GET', `/api/v1/events?q=${q}`);
  return search.json.hits[0].showtimes[0].showtime_id;
}

/** A payment body with one of the simulated provider's test cards (API.md). */
export const card = (number) => ({ card_number: number, exp_month: 12, exp_year: 2035, cvc: '123' });
