// A ticket given to another customer, against the live stack: the gateway finds the recipient by address,
// ticket-service marks the ticket TRANSFERRED and signs the recipient a new one, workers mail it to them. The giver's
// code is refused at the door, the recipient's admits; the buyer can no longer cancel that seat, the organizer can,
// and the recipient is told. An address without an account is offered the ticket and takes it once registered.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import crypto from 'node:crypto';
import { awaitMail, awaitMailTo, card, demoShowtimeId, eventually, login, newCustomer, publishedShowtime, rest, seatMap, seatRows } from './support/gateway.js';

describe('giving a ticket to another customer through the REST gateway', () => {
  it('moves the seat to the recipient with a new code, mailed to them, and the old code no longer admits', async () => {
    const giver = await newCustomer('Giver');
    const grace = await newCustomer('Grace');
    const graceEmail = (await rest('GET', '/api/v1/me', { token: grace })).json.email;
    const showtimeId = await demoShowtimeId('hamlet');
    const free = (await seatMap(showtimeId)).seats.filter((s) => s.state === 'AVAILABLE').slice(-200);
    const start = Math.floor(Math.random() * (free.length - 1));
    const seats = free.slice(start, start + 2).map((s) => s.seat_id);
    const held = await rest('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token: giver, body: { seat_ids: seats } });
    assert.equal(held.status, 201, JSON.stringify(held.json));
    const booked = await rest('POST', '/api/v1/bookings', { token: giver, body: { hold_id: held.json.hold_id, payment: card('4242424242424242') } });
    assert.equal(booked.json.status, 'CONFIRMED', JSON.stringify(booked.json));
    const given = booked.json.tickets[0];

    const key = `transfer-${given.ticket_id}`;
    const path = `/api/v1/tickets/${given.ticket_id}/transfer`;
    const transferred = await rest('POST', path, { token: giver, key, body: { email: graceEmail } });
    assert.equal(transferred.status, 200, JSON.stringify(transferred.json));
    assert.equal(transferred.json.status, 'TRANSFERRED');
    assert.deepEqual((await rest('POST', path, { token: giver, key, body: { email: graceEmail } })).json, transferred.json,
      'a retry with the same Idempotency-Key answers the same');
    const again = await rest('POST', path, { token: giver, body: { email: graceEmail } });
    assert.equal(again.status, 409);
    assert.equal(again.json.code, 'INVALID_STATE');

    const hers = (await rest('GET', '/api/v1/me/tickets', { token: grace })).json.tickets;
    assert.equal(hers.length, 1);
    assert.equal(hers[0].transferred_from_ticket_id, given.ticket_id);
    assert.equal(hers[0].seat_id, given.seat_id);
    assert.equal(hers[0].holder_name, 'Grace');
    assert.notEqual(hers[0].qr_payload, given.qr_payload);
    const mail = await awaitMail(grace, /^Giver gave you a ticket$/);
    assert.equal(mail.attachments.filter((a) => a.content_type.startsWith('image/png')).length, 1);

    const booking = (await rest('GET', `/api/v1/bookings/${booked.json.booking_id}`, { token: giver })).json;
    assert.deepEqual(booking.tickets.map((t) => [t.ticket_id, t.status]), [[given.ticket_id, 'TRANSFERRED'], [booked.json.tickets[1].ticket_id, 'VALID']],
      "the buyer's booking shows the ticket given away, not the recipient's");
    assert.equal((await rest('GET', `/api/v1/tickets/${hers[0].ticket_id}`, { token: giver })).status, 403);
    const quote = await rest('GET', `/api/v1/bookings/${booked.json.booking_id}/cancellation-quote`, { token: giver });
    assert.equal(quote.status, 409, 'a quote of the whole booking refuses the seat given away, as its cancellation would');
    assert.equal(quote.json.code, 'INVALID_STATE');
    assert.deepEqual(quote.json.seat_ids, [given.seat_id]);
    const keptQuote = await rest('GET', `/api/v1/bookings/${booked.json.booking_id}/cancellation-quote?seat_ids=${booked.json.tickets[1].seat_id}`,
      { token: giver });
    assert.equal(keptQuote.status, 200, JSON.stringify(keptQuote.json));
    const cancel = await rest('POST', `/api/v1/bookings/${booked.json.booking_id}/cancel`, { token: giver, body: { seat_ids: [given.seat_id] } });
    assert.equal(cancel.status, 409, JSON.stringify(cancel.json));
    assert.deepEqual(cancel.json.seat_ids, [given.seat_id], 'the seat given away named');

    const staff = await login('staff@demo.ticketmesh.dev');
    const scan = async (ticket) => rest('POST', '/api/v1/checkin', { token: staff, body: { qr_payload: ticket.qr_payload, gate: 'North' } });
    const old = await scan(given);
    assert.equal(old.status, 400);
    assert.equal(old.json.code, 'INVALID_TICKET');
    assert.equal((await scan(hers[0])).status, 200);
    const toSelf = await rest('POST', `/api/v1/tickets/${hers[0].ticket_id}/transfer`, { token: grace, body: { email: graceEmail } });
    assert.equal(toSelf.status, 400);
    assert.equal(toSelf.json.errors[0].field, 'email');

    // the second seat given too, then refunded by the organizer: the recipient is told and the code refused
    const second = booked.json.tickets[1];
    assert.equal((await rest('POST', `/api/v1/tickets/${second.ticket_id}/transfer`, { token: giver, body: { email: graceEmail } })).status, 200);
    const secondOfHers = (await rest('GET', '/api/v1/me/tickets', { token: grace })).json.tickets.find((t) => t.seat_id === second.seat_id);
    const owner = await login('owner@demo.ticketmesh.dev');
    const refunded = await rest('POST', `/api/v1/bookings/${booked.json.booking_id}/cancel`,
      { token: owner, body: { seat_ids: [second.seat_id] } });
    assert.equal(refunded.status, 200, JSON.stringify(refunded.json));
    const told = await awaitMail(grace, /^A ticket you were given is cancelled$/);
    assert.match(told.body, /nothing was charged to you/);
    assert.equal((await scan(secondOfHers)).json.code, 'INVALID_TICKET');
  });

  it('offers a ticket to an address without an account, which takes it with the mailed link once registered', async () => {
    const giver = await newCustomer('Offerer');
    const showtimeId = await demoShowtimeId('hamlet');
    const free = (await seatMap(showtimeId)).seats.filter((s) => s.state === 'AVAILABLE').slice(-200);
    const seat = free[Math.floor(Math.random() * free.length)].seat_id;
    const held = await rest('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token: giver, body: { seat_ids: [seat] } });
    assert.equal(held.status, 201, JSON.stringify(held.json));
    const booked = await rest('POST', '/api/v1/bookings', { token: giver, body: { hold_id: held.json.hold_id, payment: card('4242424242424242') } });
    assert.equal(booked.json.status, 'CONFIRMED', JSON.stringify(booked.json));
    const given = booked.json.tickets[0];

    const mistyped = await rest('POST', `/api/v1/tickets/${given.ticket_id}/transfer`,
      { token: giver, body: { email: `newcomre-${crypto.randomUUID()}@example.test` } });
    assert.equal(mistyped.status, 202, JSON.stringify(mistyped.json));
    for (const attempt of ['withdrawn', 'withdrawn again, changing nothing']) {
      const withdrawn = await rest('DELETE', `/api/v1/ticket-offers/${mistyped.json.offer_id}`, { token: giver });
      assert.deepEqual([withdrawn.status, withdrawn.json.status], [200, 'WITHDRAWN'], attempt);
    }

    const address = `newcomer-${crypto.randomUUID()}@example.test`;
    const offered = await rest('POST', `/api/v1/tickets/${given.ticket_id}/transfer`, { token: giver, body: { email: address } });
    assert.equal(offered.status, 202, JSON.stringify(offered.json));
    assert.equal(offered.json.status, 'PENDING');
    const mail = await awaitMailTo(address, /^Offerer wants to give you a ticket$/);
    const token = decodeURIComponent(mail.body.match(/ticket-offers\?token=(\S+)/)[1]);
    assert.equal((await rest('GET', `/api/v1/tickets/${given.ticket_id}`, { token: giver })).json.status, 'VALID', "the giver's until taken");
    assert.deepEqual((await rest('GET', '/api/v1/me/ticket-offers', { token: giver })).json.offers.map((o) => o.offer_id), [offered.json.offer_id]);

    assert.equal((await rest('POST', '/api/v1/auth/register', { body: { email: address, password: 'a long enough passphrase', name: 'Newcomer' } })).status, 201);
    const newcomer = await login(address, 'a long enough passphrase');
    const taken = await rest('POST', '/api/v1/ticket-offers/accept', { token: newcomer, body: { token } });
    assert.equal(taken.status, 200, JSON.stringify(taken.json));
    assert.equal(taken.json.seat_id, given.seat_id);
    assert.equal(taken.json.holder_name, 'Newcomer');
    assert.equal((await rest('GET', `/api/v1/tickets/${given.ticket_id}`, { token: giver })).json.status, 'TRANSFERRED');
    await awaitMailTo(address, /^Offerer gave you a ticket$/);
    assert.equal((await rest('POST', '/api/v1/ticket-offers/accept', { token: newcomer, body: { token } })).status, 409, 'taken once');
    assert.deepEqual((await rest('GET', '/api/v1/me/ticket-offers', { token: giver })).json.offers ?? [], [], 'taken: no longer waiting');
    const made = (await rest('GET', '/api/v1/me/ticket-offers?all=true', { token: giver })).json;
    assert.deepEqual(made.offers.map((o) => [o.offer_id, o.status]).sort(),
      [[offered.json.offer_id, 'ACCEPTED'], [mistyped.json.offer_id, 'WITHDRAWN']].sort(), 'every offer made');
    const late = await rest('DELETE', `/api/v1/ticket-offers/${offered.json.offer_id}`, { token: giver });
    assert.deepEqual([late.status, late.json.code], [409, 'INVALID_STATE'], 'taken: no longer the giver\'s to withdraw');
    assert.deepEqual((await rest('GET', '/api/v1/me/export', { token: giver })).json.ticket_offers, made.offers, 'in the account export');
  });

  it("refuses to give away a ticket of a showtime its organizer closed to transfers, until they open it; a move tells its holder", async () => {
    const { showtimeId, owner } = await publishedShowtime({ venue: 'No Resale Room', title: 'The Closed Circle', category: 'THEATRE',
      sections: [{ name: 'Stalls', kind: 'SEATED', default_tier: 'A', rows: seatRows(1, 4) }], prices: { A: 3000 }, fields: { transfers_closed: true } });
    const buyer = await newCustomer('Buyer');
    const friend = await newCustomer('Friend');
    const friendEmail = (await rest('GET', '/api/v1/me', { token: friend })).json.email;
    const seat = (await seatMap(showtimeId)).seats[0].seat_id;
    const held = await rest('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token: buyer, body: { seat_ids: [seat] } });
    const booked = await rest('POST', '/api/v1/bookings', { token: buyer, body: { hold_id: held.json.hold_id, payment: card('4242424242424242') } });
    assert.equal(booked.json.status, 'CONFIRMED', JSON.stringify(booked.json));
    const give = async () => (await rest('POST', `/api/v1/tickets/${booked.json.tickets[0].ticket_id}/transfer`,
      { token: buyer, body: { email: friendEmail } })).status;
    assert.equal(await give(), 409, 'closed to transfers from its publication');

    const opened = await rest('PATCH', `/api/v1/showtimes/${showtimeId}`, { token: owner, body: { transfers_closed: false } });
    assert.equal(opened.status, 200, JSON.stringify(opened.json));
    assert.equal(await eventually(give, 200), 200, 'given once ticket-service learns the showtime opened');

    await awaitMail(friend, /gave you a ticket$/);
    const start = (await rest('GET', `/api/v1/showtimes/${showtimeId}`)).json.starts_at;
    const later = new Date(Date.parse(start) + 24 * 3600 * 1000).toISOString();
    assert.equal((await rest('PATCH', `/api/v1/showtimes/${showtimeId}`, { token: owner, body: { starts_at: later } })).status, 200);
    const moved = await awaitMail(friend, /^New time for a ticket you were given$/);
    assert.match(moved.body, /it now starts/);
    assert.ok(moved.attachments.some((a) => a.filename.endsWith('.ics')), 'the ticket\'s calendar entry revised');
    assert.ok(await awaitMail(buyer, /^New time: booking /), 'the buyer is told too');
  });
});
