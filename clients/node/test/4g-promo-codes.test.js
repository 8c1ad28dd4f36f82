// Promotion codes against the live stack: an organizer makes one for an event, a customer sees its price at checkout
// and books with it, its limits hold, and the organizer switches it off; a code that takes everything off makes a free
// booking, made without a card.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { awaitMail, card, newCustomer, publishedShowtime, rest, seatMap, seatRows } from './support/gateway.js';

const minor = (money) => Number(money?.amount_minor ?? 0);

describe('promotion codes through the REST gateway', () => {
  it('takes its share off the tickets it is for, as quoted, once a customer, and stops when switched off', async () => {
    const { showtimeId, owner } = await publishedShowtime({ venue: 'Promo Playhouse', title: 'The Code Breakers', category: 'THEATRE',
      sections: [
        { name: 'Stalls', kind: 'SEATED', default_tier: 'STALLS', rows: seatRows(2, 6) },
        { name: 'Box', kind: 'SEATED', default_tier: 'BOX', rows: [{ label: 'X', seats: [{ label: '1', x: 0, y: 9 }, { label: '2', x: 1, y: 9 }] }] },
      ],
      prices: { STALLS: 4000, BOX: 9000 } });
    const organization = (await rest('GET', '/api/v1/me', { token: owner })).json.memberships[0].organization_id;
    const eventId = (await rest('GET', `/api/v1/showtimes/${showtimeId}`)).json.event_id;
    const code = `STALLS-${crypto.randomBytes(3).toString('hex').toUpperCase()}`;
    const made = await rest('POST', `/api/v1/organizations/${organization}/promo-codes`, { token: owner, body: {
      code: code.toLowerCase(), percent_off: 25, tiers: ['STALLS'], event_id: eventId, max_redemptions_per_customer: 1 } });
    assert.equal(made.status, 201, JSON.stringify(made.json));
    assert.equal(made.json.code, code);
    const taken = await rest('POST', `/api/v1/organizations/${organization}/promo-codes`, { token: owner, body: { code, percent_off: 5 } });
    assert.equal(taken.status, 409);
    assert.deepEqual([taken.json.code, taken.json.promo_code], ['ALREADY_EXISTS', code], 'the error code, and the code already there');
    const invalid = await rest('POST', `/api/v1/organizations/${organization}/promo-codes`, { token: owner, body: { code: 'x', percent_off: 120 } });
    assert.equal(invalid.status, 400);
    assert.deepEqual(invalid.json.errors.map((e) => e.field).sort(), ['code', 'percent_off']);

    const customer = await newCustomer('Coupon');
    const seats = (await seatMap(showtimeId)).seats;
    const pick = [...seats.filter((s) => s.tier === 'STALLS').slice(0, 2), seats.find((s) => s.tier === 'BOX')].map((s) => s.seat_id);
    const held = await rest('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token: customer, body: { seat_ids: pick } });
    assert.equal(held.status, 201, JSON.stringify(held.json));
    const quote = async (promo) => rest('GET', `/api/v1/holds/${held.json.hold_id}/quote${promo ? `?promo_code=${promo}` : ''}`, { token: customer });
    const plain = (await quote()).json;
    const priced = await quote(code.toLowerCase());
    assert.equal(priced.status, 200, JSON.stringify(priced.json));
    const totals = priced.json.totals;
    assert.equal(minor(totals.subtotal), 2 * 4000 + 9000);
    assert.equal(minor(totals.discount), 2 * 1000, 'a quarter off each STALLS ticket, nothing off the box');
    assert.equal(minor(totals.total), minor(totals.subtotal) - minor(totals.discount) + minor(totals.fees) + minor(totals.taxes));
    assert.ok(minor(totals.total) < minor(plain.totals.total));
    assert.equal(minor(priced.json.total), minor(totals.total));
    const unknown = await quote('NO-SUCH-CODE');
    assert.equal(unknown.status, 400);
    assert.equal(unknown.json.code, 'PROMO_CODE_INVALID');
    assert.equal(unknown.json.errors[0].field, 'promo_code');

    const booked = await rest('POST', '/api/v1/bookings', { token: customer, body: {
      hold_id: held.json.hold_id, promo_code: code.toLowerCase(), payment: card('4242424242424242') } });
    assert.equal(booked.json.status, 'CONFIRMED', JSON.stringify(booked.json));
    assert.equal(booked.json.promo_code, code);
    assert.deepEqual(booked.json.totals.total, totals.total, 'booked at the price quoted');
    assert.equal(minor(booked.json.payment.captured), minor(totals.total));
    assert.deepEqual(booked.json.items.map((i) => minor(i.discount)).sort(), [0, 1000, 1000]);

    const list = await rest('GET', `/api/v1/organizations/${organization}/promo-codes?page_size=100`, { token: owner });
    assert.equal(list.json.promo_codes.find((c) => c.promo_code_id === made.json.promo_code_id).redemptions, 1);
    assert.equal((await rest('GET', `/api/v1/organizations/${organization}/promo-codes`, { token: customer })).status, 403);

    const second = await rest('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token: customer, body: { quantity: 1, together: true, tier: 'STALLS' } });
    assert.equal(second.status, 201, JSON.stringify(second.json));
    const once = await rest('POST', '/api/v1/bookings', { token: customer, body: {
      hold_id: second.json.hold_id, promo_code: code, payment: card('4242424242424242') } });
    assert.equal(once.status, 400, 'one booking a customer');
    assert.match(once.json.errors[0].detail, /as many of your bookings/);
    const fullPrice = await rest('POST', '/api/v1/bookings', { token: customer, body: { hold_id: second.json.hold_id, payment: card('4242424242424242') } });
    assert.equal(fullPrice.json.status, 'CONFIRMED', 'the refused code left the hold to book');

    const sales = (await rest('GET', `/api/v1/showtimes/${showtimeId}/sales`, { token: owner })).json;
    assert.equal(minor(sales.tiers.find((t) => t.tier === 'STALLS').revenue), 2 * 3000 + 4000, 'tier revenue net of discounts');

    const off = await rest('PATCH', `/api/v1/promo-codes/${made.json.promo_code_id}`, { token: owner, body: { disabled: true } });
    assert.equal(off.status, 200, JSON.stringify(off.json));
    assert.equal(off.json.disabled, true);
    const fixed = await rest('PATCH', `/api/v1/promo-codes/${made.json.promo_code_id}`, { token: owner, body: { percent_off: 90 } });
    assert.equal(fixed.status, 400);
    const other = await newCustomer('Late');
    const otherHold = await rest('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token: other, body: { quantity: 1, together: true, tier: 'STALLS' } });
    const disabled = await rest('GET', `/api/v1/holds/${otherHold.json.hold_id}/quote?promo_code=${code}`, { token: other });
    assert.equal(disabled.status, 400);
    assert.match(disabled.json.errors[0].detail, /disabled/);

    // a code that takes everything off: no fee on a free seat, booked without a card, mailed, cancelled without a refund
    const comp = `COMP-${crypto.randomBytes(3).toString('hex').toUpperCase()}`;
    assert.equal((await rest('POST', `/api/v1/organizations/${organization}/promo-codes`, { token: owner, body: {
      code: comp, percent_off: 100, event_id: eventId } })).status, 201);
    const unpaid = await rest('POST', '/api/v1/bookings', { token: other, body: { hold_id: otherHold.json.hold_id } });
    assert.equal(unpaid.status, 400, 'a booking that costs something needs a card');
    assert.equal(unpaid.json.errors[0].field, 'payment');
    const free = (await rest('GET', `/api/v1/holds/${otherHold.json.hold_id}/quote?promo_code=${comp}`, { token: other })).json;
    assert.deepEqual([minor(free.totals.discount), minor(free.totals.fees), minor(free.totals.taxes), minor(free.totals.total)], [4000, 0, 0, 0]);
    const comped = await rest('POST', '/api/v1/bookings', { token: other, body: { hold_id: otherHold.json.hold_id, promo_code: comp } });
    assert.equal(comped.status, 201, JSON.stringify(comped.json));
    assert.equal(comped.json.status, 'CONFIRMED', JSON.stringify(comped.json));
    assert.equal(comped.json.payment, undefined, 'no payment made');
    assert.equal(comped.json.tickets.length, 1);
    const mail = await awaitMail(other, new RegExp(comped.json.reference));
    assert.match(mail.body, /Nothing to pay \(code COMP-/);
    const cancelled = await rest('POST', `/api/v1/bookings/${comped.json.booking_id}/cancel`, { token: other, body: {} });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.json));
    assert.equal(cancelled.json.booking.status, 'CANCELLED');
    assert.equal(minor(cancelled.json.refunded), 0);
  });
});
