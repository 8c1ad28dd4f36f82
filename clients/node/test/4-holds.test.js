// Seat maps and holds through the REST gateway on the demo showtime (gateway -> ticket-service -> PostgreSQL + Redis).
import assert from 'node:assert/strict';
import { after, it } from 'node:test';
import crypto from 'node:crypto';
import { loadContracts, connect, unary } from '../src/ticketmesh.js';
import { GATEWAY, HOST, demoShowtimeId, login, newCustomer, publishedShowtime, rest, seatMap, seatRows } from './support/gateway.js';

const contracts = loadContracts();
const grpcClients = [];
after(() => grpcClients.forEach((c) => c.close()));
function ticketService(name, token) {
  const client = connect(contracts, `ticketmesh.ticket.v1.${name}`, `${HOST}:9092`, { token });
  grpcClients.push(client);
  return client;
}

/** The demo catalog's first showtime on sale, once ticket-service has built its inventory. */
async function demoSeatMap() {
  const showtimeId = await demoShowtimeId('hamlet');
  return { showtimeId, map: await seatMap(showtimeId) };
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

it('a hold is extended by its holder as often as ticket-service allows, then refused with how often it was', async () => {
  const { showtimeId, map } = await demoSeatMap();
  const seat = map.seats.filter((s) => s.state === 'AVAILABLE').at(-3).seat_id;
  const [holder, stranger] = [await newCustomer('Holder'), await newCustomer('Stranger')];
  const held = await rest('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token: holder, body: { seat_ids: [seat] } });
  assert.equal(held.status, 201, JSON.stringify(held.json));
  const extend = (token) => rest('POST', `/api/v1/holds/${held.json.hold_id}/extend`, { token });

  assert.equal((await extend(stranger)).status, 403, 'another customer\'s hold is not theirs to extend');
  let expiresAt = Date.parse(held.json.expires_at);
  for (const time of ['first', 'second']) {
    const extended = await extend(holder);
    assert.equal(extended.status, 200, `${time}: ${JSON.stringify(extended.json)}`);
    assert.ok(Date.parse(extended.json.expires_at) > expiresAt, `${time}: later`);
    expiresAt = Date.parse(extended.json.expires_at);
  }
  const refused = await extend(holder);
  assert.deepEqual([refused.status, refused.json.code, refused.json.extensions], [409, 'HOLD_EXTENSION_LIMIT', 2]);
  assert.equal((await rest('DELETE', `/api/v1/holds/${held.json.hold_id}`, { token: holder })).status, 204);
});

it('the states view has a letter a seat in the map\'s order, and its ETag answers 304 until a seat changes', async () => {
  const { showtimeId, map } = await demoSeatMap();
  const url = `${GATEWAY}/api/v1/showtimes/${showtimeId}/seats?view=states`;
  const first = await fetch(url);
  assert.equal(first.status, 200);
  const states = await first.json();
  assert.equal(states.states.length, map.seats.length);
  assert.match(states.states, /^[AHSB]+$/);
  assert.equal(states.seats, undefined);
  assert.equal(states.catalog_version, map.catalog_version);
  const etag = first.headers.get('etag');
  assert.ok(etag, 'an ETag');
  assert.equal((await fetch(url, { headers: { 'if-none-match': etag } })).status, 304);

  const index = states.states.indexOf('A');
  const token = await login('alice@demo.ticketmesh.dev');
  const hold = await rest('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token, body: { seat_ids: [map.seats[index].seat_id] } });
  assert.equal(hold.status, 201);
  const changed = await fetch(url, { headers: { 'if-none-match': etag } });
  assert.equal(changed.status, 200);
  assert.notEqual(changed.headers.get('etag'), etag);
  const after = await changed.json();
  assert.ok(after.version > states.version);
  assert.equal(after.states[index], 'H', 'the held seat, at its place in the full map\'s order');
  assert.equal((await rest('DELETE', `/api/v1/holds/${hold.json.hold_id}`, { token })).status, 204);

  const badView = await rest('GET', `/api/v1/showtimes/${showtimeId}/seats?view=everything`);
  assert.equal(badView.status, 400);
  assert.equal(badView.json.code, 'VALIDATION_FAILED');
  const full = await fetch(`${GATEWAY}/api/v1/showtimes/${showtimeId}/seats`, { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(full.headers.get('content-encoding'), 'gzip', 'the full map is compressed for a client that accepts gzip');
  assert.equal((await full.json()).seats.length, map.seats.length);
});

it('a confirmed hold gets signed tickets; staff admit a ticket once and refuse the second scan', async () => {
  const { showtimeId, map } = await demoSeatMap();
  const alice = await login('alice@demo.ticketmesh.dev');
  const seat = map.seats.filter((s) => s.state === 'AVAILABLE').at(-1).seat_id;
  const hold = await rest('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token: alice, body: { seat_ids: [seat] } });
  assert.equal(hold.status, 201, JSON.stringify(hold.json));

  // the two steps booking-service's saga takes, called over gRPC as a service in another language would
  const bookingId = crypto.randomUUID();
  await unary(ticketService('InventoryService', alice), 'ConfirmHold',
    { request_id: crypto.randomUUID(), hold_id: hold.json.hold_id, booking_id: bookingId });
  const issued = await unary(ticketService('TicketService', alice), 'IssueTickets',
    { request_id: crypto.randomUUID(), booking_id: bookingId, hold_id: hold.json.hold_id, holder_name: 'Alice' });
  const ticketId = issued.tickets[0].ticket_id;
  const sold = await rest('GET', `/api/v1/showtimes/${showtimeId}/seats`);
  assert.equal(sold.json.seats.find((s) => s.seat_id === seat).state, 'SOLD');

  const ticket = await rest('GET', `/api/v1/tickets/${ticketId}`, { token: alice });
  assert.equal(ticket.status, 200);
  assert.ok(ticket.json.qr_payload.startsWith('TM1.'));
  const png = await rest('GET', `/api/v1/tickets/${ticketId}/qr.png`, { token: alice });
  assert.equal(png.headers.get('content-type'), 'image/png');
  assert.deepEqual([...png.bytes.subarray(1, 4)], [0x50, 0x4e, 0x47]);

  const staff = await login('staff@demo.ticketmesh.dev');
  const scan = { qr_payload: ticket.json.qr_payload, gate: 'Door A', showtime_id: showtimeId };
  assert.equal((await rest('POST', '/api/v1/checkin', { token: alice, body: scan })).status, 403, 'customers do not scan');
  const admitted = await rest('POST', '/api/v1/checkin', { token: staff, body: scan });
  assert.equal(admitted.status, 200, JSON.stringify(admitted.json));
  assert.equal(admitted.json.result, 'ADMITTED');
  const again = await rest('POST', '/api/v1/checkin', { token: staff, body: scan });
  assert.equal(again.status, 409);
  assert.equal(again.json.code, 'ALREADY_CHECKED_IN');
  assert.equal(again.json.gate, 'Door A');
  const forged = await rest('POST', '/api/v1/checkin', { token: staff, body: { ...scan, qr_payload: scan.qr_payload.slice(0, -4) + 'AAAA' } });
  assert.equal(forged.status, 400);
  assert.equal(forged.json.code, 'INVALID_TICKET');
});

it('an owner blocks house seats: BLOCKED on the map, refused to customers, on sale again once unblocked', async () => {
  const { showtimeId, owner } = await publishedShowtime({ venue: 'House Seats Hall', title: 'The House Seats', category: 'THEATRE',
    sections: [{ name: 'Stalls', kind: 'SEATED', default_tier: 'A', rows: seatRows(2, 5) }], prices: { A: 3000 } });
  const [first, second, , , , sixth] = (await seatMap(showtimeId)).seats.map((s) => s.seat_id);
  const seats = [first, second];
  const stateOf = async (seatId) => (await seatMap(showtimeId)).seats.find((s) => s.seat_id === seatId).state;

  const blocked = await rest('POST', `/api/v1/showtimes/${showtimeId}/seats/block`, { token: owner, body: { seat_ids: seats, note: 'press' } });
  assert.equal(blocked.status, 200, JSON.stringify(blocked.json));
  assert.ok(Number(blocked.json.version) > 0);
  assert.deepEqual([await stateOf(seats[0]), await stateOf(seats[1])], ['BLOCKED', 'BLOCKED']);
  const customer = await newCustomer('Hopeful');
  const refused = await rest('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token: customer, body: { seat_ids: [seats[0]] } });
  assert.equal(refused.status, 409);
  assert.equal(refused.json.code, 'SEAT_UNAVAILABLE');
  assert.equal((await rest('POST', `/api/v1/showtimes/${showtimeId}/seats/block`, { token: owner, body: { seat_ids: seats } })).status, 200,
    'blocking blocked seats again changes nothing');

  assert.equal((await rest('POST', `/api/v1/showtimes/${showtimeId}/seats/block`, { token: customer, body: { seat_ids: seats } })).status, 403);
  const notOurs = await rest('POST', `/api/v1/showtimes/${showtimeId}/seats/block`, { token: owner, body: { seat_ids: [crypto.randomUUID()] } });
  assert.equal(notOurs.status, 400);
  assert.deepEqual(notOurs.json.errors.map((e) => e.field), ['seat_ids']);
  const empty = await rest('POST', `/api/v1/showtimes/${showtimeId}/seats/block`, { token: owner, body: { seat_ids: [] } });
  assert.equal(empty.status, 400);

  const held = await rest('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token: customer, body: { seat_ids: [sixth] } });
  assert.equal(held.status, 201, JSON.stringify(held.json));
  const heldSeat = await rest('POST', `/api/v1/showtimes/${showtimeId}/seats/block`, { token: owner, body: { seat_ids: [sixth] } });
  assert.equal(heldSeat.status, 409, 'a held seat is not taken from its customer');
  assert.equal(heldSeat.json.code, 'SEAT_UNAVAILABLE');

  const unblocked = await rest('POST', `/api/v1/showtimes/${showtimeId}/seats/unblock`, { token: owner, body: { seat_ids: seats } });
  assert.equal(unblocked.status, 200, JSON.stringify(unblocked.json));
  assert.ok(Number(unblocked.json.version) > Number(blocked.json.version));
  assert.equal(await stateOf(seats[0]), 'AVAILABLE');
  assert.equal((await rest('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token: customer, body: { seat_ids: [seats[0]] } })).status, 201);
});
