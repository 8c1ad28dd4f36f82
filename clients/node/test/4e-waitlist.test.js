// A sold-out showtime's waitlist through the REST gateway: freed seats become a real hold of the waiting customer,
// who is emailed the offer, books it and is emailed the tickets; another customer's offer is given up and its seat goes
// back on sale.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import crypto from 'node:crypto';
import { awaitMail, card, newCustomer, publishedShowtime, rest, seatMap, seatRows, sleep } from './support/gateway.js';

/** The entry once `wanted` holds for it (20 seconds at most). */
async function awaitEntry(token, entryId, wanted) {
  let entry;
  for (let attempt = 0; attempt < 100; attempt++) {
    entry = (await rest('GET', `/api/v1/waitlist/${entryId}`, { token })).json;
    if (wanted(entry)) return entry;
    await sleep(200);
  }
  assert.fail(`entry still ${JSON.stringify(entry)}`);
}

it('a waitlisted customer is offered freed seats as a hold and books it; a left offer frees its seat', async () => {
  const { showtimeId } = await publishedShowtime({ venue: 'Tiny Room', title: 'The Sold-Out Show', category: 'THEATRE',
    sections: [{ name: 'Stalls', kind: 'SEATED', default_tier: 'A', rows: seatRows(1, 2) }], prices: { A: 3000 } });
  const [ada, ben, cleo] = [await newCustomer('Ada'), await newCustomer('Ben'), await newCustomer('Cleo')];
  const seats = (await seatMap(showtimeId)).seats.map((s) => s.seat_id);
  const soldOut = await rest('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token: ada, body: { seat_ids: seats } });
  assert.equal(soldOut.status, 201, JSON.stringify(soldOut.json));

  const key = crypto.randomUUID();
  const joined = await rest('POST', `/api/v1/showtimes/${showtimeId}/waitlist`, { token: ben, key, body: { quantity: 1 } });
  assert.equal(joined.status, 201, JSON.stringify(joined.json));
  assert.equal(joined.json.status, 'WAITING');
  assert.equal(joined.json.position, 1);
  const again = await rest('POST', `/api/v1/showtimes/${showtimeId}/waitlist`, { token: ben, body: { quantity: 2 } });
  assert.equal(again.status, 409, JSON.stringify(again.json));
  assert.equal(again.json.code, 'ALREADY_EXISTS');
  const mine = await rest('GET', '/api/v1/me/waitlist', { token: ben });
  assert.equal(mine.status, 200, JSON.stringify(mine.json));
  assert.deepEqual(mine.json.entries.map((e) => [e.entry_id, e.status, Number(e.position)]), [[joined.json.entry_id, 'WAITING', 1]]);
  assert.deepEqual((await rest('GET', '/api/v1/me/waitlist', { token: cleo })).json.entries ?? [], [], 'only the caller\'s');
  const badQuantity = await rest('POST', `/api/v1/showtimes/${showtimeId}/waitlist`, { token: cleo, body: { quantity: 0 } });
  assert.equal(badQuantity.status, 400, JSON.stringify(badQuantity.json));
  assert.equal(badQuantity.json.errors[0].field, 'quantity');

  assert.equal((await rest('DELETE', `/api/v1/holds/${soldOut.json.hold_id}`, { token: ada })).status, 204);
  const offer = await awaitEntry(ben, joined.json.entry_id, (e) => e.status === 'OFFERED');
  assert.ok(offer.hold_id && new Date(offer.offer_expires_at) > new Date(), JSON.stringify(offer));
  assert.match((await awaitMail(ben, /^Seats are held for you$/)).body, new RegExp(`/holds/${offer.hold_id}`));
  const booked = await rest('POST', '/api/v1/bookings', { token: ben, body: { hold_id: offer.hold_id, payment: card('4242424242424242') } });
  assert.equal(booked.status, 201, JSON.stringify(booked.json));
  assert.equal(booked.json.status, 'CONFIRMED');
  const tickets = await awaitMail(ben, new RegExp(`^Your tickets: booking ${booked.json.reference}$`));
  assert.equal(tickets.attachments.filter((a) => a.content_type === 'image/png').length, 1, 'a QR code a ticket');
  assert.deepEqual(tickets.attachments.filter((a) => a.content_type === 'text/calendar').map((a) => a.filename),
    [`${booked.json.reference}.ics`], 'and the show as a calendar entry');
  assert.match(tickets.body, /^The Sold-Out Show, \w+day \d+ \w+ \d{4} at \d\d:\d\d \(Europe\/London\)\r?\nTiny Room, 2 Mill Lane, Leeds\r?\n/,
    'the show, in its venue\'s time, and where');
  assert.match(tickets.html, /<h1[^>]*>The Sold-Out Show, .*\(Europe\/London\)<\/h1>/, 'the HTML has the show as its heading');
  assert.equal((tickets.html.match(/<img src="cid:qr-[^"]+"/g) ?? []).length, 1, 'and draws the QR code in place');
  await awaitEntry(ben, joined.json.entry_id, (e) => e.status === 'FULFILLED');

  const cleoJoined = await rest('POST', `/api/v1/showtimes/${showtimeId}/waitlist`, { token: cleo, body: { quantity: 1 } });
  assert.equal(cleoJoined.status, 201, JSON.stringify(cleoJoined.json));
  const cleoOffer = await awaitEntry(cleo, cleoJoined.json.entry_id, (e) => e.status === 'OFFERED');
  assert.equal((await rest('GET', `/api/v1/waitlist/${cleoJoined.json.entry_id}`, { token: ben })).status, 404, "another's entry");
  const left = await rest('DELETE', `/api/v1/waitlist/${cleoJoined.json.entry_id}`, { token: cleo });
  assert.equal(left.status, 200, JSON.stringify(left.json));
  assert.equal(left.json.status, 'LEFT');
  const heldSeat = (await rest('GET', `/api/v1/holds/${cleoOffer.hold_id}`, { token: cleo })).json.seat_ids[0];
  const state = (await seatMap(showtimeId)).seats.find((s) => s.seat_id === heldSeat).state;
  assert.equal(state, 'AVAILABLE', 'the offer given up is on sale again');
});
