// Standing places through the REST gateway: a concert with a standing floor, held by number, booked and ticketed.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import crypto from 'node:crypto';
import { GATEWAY, card, demoShowtimeId, login, newCustomer, publishedShowtime, rest, seatMap, seatRows, sleep } from './support/gateway.js';

/** A published concert in a club of 2 rows of 10 seats and a standing floor of 50; answers its seat map once built. */
async function concert() {
  const { showtimeId, owner } = await publishedShowtime({ venue: 'Node Test Club', title: 'Night Shift Live', category: 'CONCERT',
    sections: [
      { name: 'Balcony', kind: 'SEATED', default_tier: 'A', rows: seatRows(2, 10) },
      { name: 'Floor', kind: 'STANDING', capacity: 50, default_tier: 'B' },
    ], prices: { A: 4000, B: 2500 } });
  return { showtimeId, map: await seatMap(showtimeId), owner };
}

it('a standing floor is counted on the seat map, held by number, booked with a ticket per place, and re-priced', async () => {
  const { showtimeId, map, owner } = await concert();
  assert.equal(map.seats.length, 20, 'the map lists seats, not places');
  const [floor] = map.standing;
  assert.equal(floor.section, 'Floor');
  assert.equal(floor.capacity, 50);
  assert.equal(floor.available, 50);

  const fan = await newCustomer('Fan');
  const held = await rest('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token: fan,
    body: { standing: [{ section_id: floor.section_id, quantity: 2 }], seat_ids: [map.seats[0].seat_id] } });
  assert.equal(held.status, 201, JSON.stringify(held.json));
  assert.equal(held.json.seat_ids.length, 3);
  assert.deepEqual(held.json.standing, [{ section_id: floor.section_id, quantity: 2 }]);
  assert.equal(held.json.subtotal.amount_minor, 4000 + 2 * 2500);
  const during = (await rest('GET', `/api/v1/showtimes/${showtimeId}/seats`)).json.standing[0];
  assert.equal(during.available, 48);
  assert.equal(during.held, 2);

  const booking = await rest('POST', '/api/v1/bookings', { token: fan,
    body: { hold_id: held.json.hold_id, payment: card('4242424242424242') } });
  assert.equal(booking.status, 201, JSON.stringify(booking.json));
  assert.equal(booking.json.status, 'CONFIRMED');
  const places = booking.json.tickets.filter((t) => t.section === 'Floor');
  assert.equal(places.length, 2);
  assert.ok(places.every((t) => !t.row && !t.seat_label && t.qr_payload.startsWith('TM1.')));
  assert.equal((await rest('GET', `/api/v1/showtimes/${showtimeId}/seats`)).json.standing[0].sold, 2);

  const otherArea = await rest('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token: await login('alice@demo.ticketmesh.dev'),
    body: { standing: [{ section_id: crypto.randomUUID(), quantity: 1 }] } });
  assert.equal(otherArea.status, 400, JSON.stringify(otherArea.json));

  // the organizer re-prices the floor with a PATCH of the prices alone: a map cached by its ETag is stale now
  const statesUrl = `${GATEWAY}/api/v1/showtimes/${showtimeId}/seats?view=states`;
  const cached = await fetch(statesUrl);
  const etag = cached.headers.get('etag');
  const before = await cached.json();
  const money = (cents) => ({ amount_minor: cents, currency: 'GBP' });
  const repriced = await rest('PATCH', `/api/v1/showtimes/${showtimeId}`, { token: owner,
    body: { price_tiers: [{ tier: 'A', price: money(4000) }, { tier: 'B', price: money(3000) }] } });
  assert.equal(repriced.status, 200, JSON.stringify(repriced.json));
  let fresh = await fetch(statesUrl, { headers: { 'if-none-match': etag } });
  for (let attempt = 0; attempt < 100 && fresh.status === 304; attempt++) {
    await sleep(200);
    fresh = await fetch(statesUrl, { headers: { 'if-none-match': etag } });
  }
  assert.equal(fresh.status, 200, 'the new prices change the ETag');
  const after = await fresh.json();
  assert.ok(after.catalog_version > before.catalog_version);
  assert.equal(after.version, before.version, 'no seat changed state');
  assert.equal(after.standing[0].price.amount_minor, 3000);
});

it('the demo catalog has a concert on sale with a standing floor', async () => {
  const map = await seatMap(await demoShowtimeId('riverside'), 'states');
  assert.equal(map.on_sale, true);
  assert.equal(map.states.length, 960);
  assert.equal(map.standing.length, 1);
  assert.equal(map.standing[0].section, 'Floor');
  assert.equal(map.standing[0].capacity, 1500);
});
