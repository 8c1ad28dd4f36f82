// Bookings through the REST gateway on the demo showtime: the saga over ticket-service and payment-service with the
// simulated card provider's test cards, idempotency, 3-D Secure, cancellation and check-in.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import crypto from 'node:crypto';
import { GATEWAY, awaitMail, awaitMailTo, card, demoShowtimeId, eventually, login, newCustomer, publishedShowtime, rest, seatMap, seatRows, sleep } from './support/gateway.js';

let customerToken;
/** The one customer of this file, registered on first use. */
async function customer() {
  customerToken ??= await newCustomer('Booker');
  return customerToken;
}

/** Holds `count` available seats of the demo showtime for the customer. */
async function hold(count) {
  const showtimeId = await demoShowtimeId('hamlet');
  const map = await seatMap(showtimeId);
  const free = map.seats.filter((s) => s.state === 'AVAILABLE').slice(-200);
  const pick = free.sort(() => Math.random() - 0.5).slice(0, count).map((s) => s.seat_id);
  const held = await rest('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token: await customer(), body: { seat_ids: pick } });
  assert.equal(held.status, 201, JSON.stringify(held.json));
  return { showtimeId, holdId: held.json.hold_id, seatIds: pick };
}

async function seatStates(showtimeId, seatIds) {
  const map = await seatMap(showtimeId);
  return [...new Set(map.seats.filter((s) => seatIds.includes(s.seat_id)).map((s) => s.state))];
}

it('a held booking paid with 4242... is CONFIRMED with tickets; the same Idempotency-Key gives the same booking', async () => {
  const { showtimeId, holdId } = await hold(2);
  const key = crypto.randomUUID();
  const body = { hold_id: holdId, payment: card('4242424242424242') };
  const created = await rest('POST', '/api/v1/bookings', { token: await customer(), body, key });
  assert.equal(created.status, 201, JSON.stringify(created.json));
  assert.equal(created.json.status, 'CONFIRMED');
  assert.match(created.json.reference, /^TM-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  assert.equal(created.json.total.amount_minor, created.json.totals.total.amount_minor);
  assert.equal(created.json.tickets.length, 2);
  assert.ok(created.json.tickets.every((t) => t.qr_payload.startsWith('TM1.')));
  assert.equal(created.json.payment.status, 'CAPTURED');

  const again = await rest('POST', '/api/v1/bookings', { token: await customer(), body, key });
  assert.equal(again.json.booking_id, created.json.booking_id);
  const read = await rest('GET', `/api/v1/bookings/${created.json.booking_id}`, { token: await customer() });
  assert.equal(read.json.payment.payment_id, created.json.payment.payment_id);
  assert.deepEqual(read.json.timeline.map((s) => s.name),
    ['price_booking', 'authorize_payment', 'confirm_hold', 'capture_payment', 'issue_tickets']);
  const mine = await rest('GET', '/api/v1/me/bookings', { token: await customer() });
  assert.ok(mine.json.bookings.some((b) => b.booking_id === created.json.booking_id));
  const byReference = async (token, reference = created.json.reference.toLowerCase()) =>
    rest('GET', `/api/v1/bookings?reference=${reference}`, { token });
  assert.deepEqual((await byReference(await login('owner@demo.ticketmesh.dev'))).json.bookings.map((b) => b.booking_id),
    [created.json.booking_id], 'customer service finds it by what the customer reads out, in any case');
  assert.deepEqual((await byReference(await login('staff@demo.ticketmesh.dev'))).json.bookings, []);
  assert.equal((await byReference(await customer(), 'TM-1')).status, 400);

  const staff = await login('staff@demo.ticketmesh.dev');
  const attendance = async () => {
    const read = await rest('GET', `/api/v1/showtimes/${showtimeId}/attendance`, { token: staff });
    assert.equal(read.status, 200, JSON.stringify(read.json));
    return read.json;
  };
  const before = await attendance();
  const scan = { qr_payload: created.json.tickets[0].qr_payload, gate: 'North' };
  const checkedIn = await rest('POST', '/api/v1/checkin', { token: staff, body: scan });
  assert.equal(checkedIn.status, 200);
  assert.equal((await rest('POST', '/api/v1/checkin', { token: staff, body: scan })).json.code, 'ALREADY_CHECKED_IN');

  const doorList = [];
  for (let token = ''; ;) {
    const page = await rest('GET', `/api/v1/showtimes/${showtimeId}/tickets?page_size=1000&page_token=${token}`, { token: staff });
    assert.equal(page.status, 200, JSON.stringify(page.json));
    doorList.push(...page.json.tickets);
    if (!(token = page.json.next_page_token)) break;
  }
  const admitted = doorList.find((t) => t.ticket_id === created.json.tickets[0].ticket_id);
  assert.equal(admitted?.status, 'CHECKED_IN', 'the door list shows who is in');
  assert.equal(admitted.checked_in_gate, 'North');
  assert.equal(doorList.find((t) => t.ticket_id === created.json.tickets[1].ticket_id)?.status, 'VALID');
  assert.ok(doorList.filter((t) => t.status === 'VALID').every((t) => !t.checked_in_by_user_id));

  const lostPhone = created.json.tickets[1];
  const byHand = await rest('POST', '/api/v1/checkin', { token: staff, body: { ticket_id: lostPhone.ticket_id, gate: 'Box office' } });
  assert.equal(byHand.status, 200, JSON.stringify(byHand.json));
  assert.equal(byHand.json.ticket.checked_in_by_hand, true, 'a ticket found in the door list is admitted by hand');
  const staffId = (await rest('GET', '/api/v1/me', { token: staff })).json.id;
  assert.equal(byHand.json.ticket.checked_in_by_user_id, staffId);
  assert.equal((await rest('POST', '/api/v1/checkin', { token: staff, body: { qr_payload: lostPhone.qr_payload, gate: 'North' } })).json.code,
    'ALREADY_CHECKED_IN', 'its code admits no one after');
  const neither = await rest('POST', '/api/v1/checkin', { token: staff, body: { gate: 'North' } });
  assert.equal(neither.status, 400);
  assert.deepEqual(neither.json.errors.map((e) => e.field), ['qr_payload']);

  const after = await attendance();
  assert.equal(after.admitted, before.admitted + 2, 'the door count goes up by the admissions');
  assert.equal(after.to_come, before.to_come - 2);
  assert.equal(after.tickets, doorList.filter((t) => ['VALID', 'CHECKED_IN'].includes(t.status) || t.checked_in_at).length,
    'the tickets that admit or admitted, as the door list shows them');
  assert.ok(after.gates.find((g) => g.gate === 'North')?.admitted >= 1);
  assert.equal(after.sections.reduce((sum, s) => sum + s.admitted, 0), after.admitted);
  assert.equal(after.arrivals.reduce((sum, w) => sum + w.admitted, 0), after.admitted);
  assert.equal(after.admitted_by_hand, before.admitted_by_hand + 1);
  assert.equal((await rest('GET', `/api/v1/showtimes/${showtimeId}/attendance`, { token: await customer() })).status, 403);
  assert.equal((await rest('GET', `/api/v1/showtimes/${showtimeId}/tickets`, { token: await customer() })).status, 403,
    'a customer does not read the door list');
});

it('the box office sells to a buyer at the counter: no card, the buyer\'s name on the tickets, their mail, the till in the report', async () => {
  const showtimeId = await demoShowtimeId('hamlet');
  const free = (await seatMap(showtimeId)).seats.filter((s) => s.state === 'AVAILABLE').slice(-200);
  const pick = free.sort(() => Math.random() - 0.5).slice(0, 2).map((s) => s.seat_id);
  const holdAt = (token) => rest('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token, body: { seat_ids: pick, box_office: true } });
  assert.equal((await holdAt(await customer())).status, 403, 'customers do not hold for the box office');
  const staff = await login('staff@demo.ticketmesh.dev');
  const held = await holdAt(staff);
  assert.equal(held.status, 201, JSON.stringify(held.json));

  const buyer = `walk-in-${crypto.randomUUID()}@example.test`;
  const sell = (boxOffice) => rest('POST', '/api/v1/bookings', { token: staff, body: { hold_id: held.json.hold_id, box_office: boxOffice } });
  const unknownPayment = await sell({ payment: 'CHEQUE', customer_name: 'Walk-in Buyer' });
  assert.equal(unknownPayment.status, 400);
  assert.deepEqual(unknownPayment.json.errors.map((e) => e.field), ['box_office.payment']);
  const sold = await sell({ payment: 'CASH', customer_name: 'Walk-in Buyer', customer_email: buyer });
  assert.equal(sold.status, 201, JSON.stringify(sold.json));
  assert.equal(sold.json.status, 'CONFIRMED');
  assert.deepEqual(sold.json.box_office, { payment: 'CASH', customer_name: 'Walk-in Buyer', customer_email: buyer });
  assert.equal(sold.json.payment, undefined, 'nothing went through the card provider');
  assert.ok(sold.json.tickets.every((t) => t.holder_name === 'Walk-in Buyer' && t.box_office === true));
  const sellersOwn = (await rest('GET', '/api/v1/me/bookings?page_size=100', { token: staff })).json.bookings;
  assert.ok(!sellersOwn.some((b) => b.booking_id === sold.json.booking_id), 'the sale is the organization\'s, not the seller\'s');
  const sellersTickets = (await rest('GET', '/api/v1/me/tickets?page_size=1000', { token: staff })).json.tickets;
  assert.ok(!sellersTickets.some((t) => t.booking_id === sold.json.booking_id), 'nor are its tickets in the seller\'s wallet');
  const given = await rest('POST', `/api/v1/tickets/${sold.json.tickets[0].ticket_id}/transfer`,
    { token: staff, body: { email: 'someone@example.test' } });
  assert.equal(given.status, 409, 'the buyer has the ticket on paper or by mail; it is not given away online');

  const mail = await awaitMailTo(buyer, new RegExp(`^Your tickets: booking ${sold.json.reference}$`));
  assert.match(mail.body, /Paid at the box office \(cash\)/);
  assert.match(mail.body, new RegExp(`give your booking's reference: ${sold.json.reference}`));
  const owner = await login('owner@demo.ticketmesh.dev');
  const sales = (await rest('GET', `/api/v1/showtimes/${showtimeId}/sales`, { token: owner })).json;
  assert.ok(sales.box_office.amount_minor >= sold.json.total.amount_minor, JSON.stringify(sales.box_office));
  const cash = sales.box_office_takings.find((till) => till.payment === 'CASH');
  assert.ok(cash.bookings >= 1 && cash.amount.amount_minor >= sold.json.total.amount_minor, JSON.stringify(sales.box_office_takings));

  const org = (await rest('GET', '/api/v1/me', { token: staff })).json.memberships[0].organization_id;
  const since = new Date(Date.now() - 60_000).toISOString();
  const until = new Date(Date.now() + 60_000).toISOString();
  const till = await rest('GET', `/api/v1/organizations/${org}/box-office/till?from=${since}&to=${until}`, { token: staff });
  assert.equal(till.status, 200, JSON.stringify(till.json));
  const drawer = till.json.lines.find((line) => line.payment === 'CASH');
  assert.ok(drawer.sales >= 1 && drawer.net.amount_minor >= sold.json.total.amount_minor, JSON.stringify(till.json));
  const noPeriod = await rest('GET', `/api/v1/organizations/${org}/box-office/till?from=${since}`, { token: staff });
  assert.equal(noPeriod.status, 400);
  assert.deepEqual(noPeriod.json.errors.map((e) => e.field), ['to']);
  const neither = await rest('GET', `/api/v1/organizations/${org}/box-office/till`, { token: staff });
  assert.equal(neither.status, 400);
  assert.deepEqual(neither.json.errors.map((e) => e.field), ['from', 'to'], 'every missing parameter named at once');

  const printed = await fetch(`${GATEWAY}/api/v1/bookings/${sold.json.booking_id}/tickets.pdf`, { headers: { authorization: `Bearer ${staff}` } });
  assert.equal(printed.status, 200, 'the box office prints the tickets');
  assert.equal(printed.headers.get('content-type'), 'application/pdf');
  assert.match(printed.headers.get('content-disposition'), new RegExp(`tickets-${sold.json.reference}\\.pdf`));
  assert.equal(Buffer.from(await printed.arrayBuffer()).subarray(0, 5).toString('latin1'), '%PDF-');
  const notTheirs = await rest('GET', `/api/v1/bookings/${sold.json.booking_id}/tickets.pdf`,
    { token: await customer(), headers: { accept: 'application/pdf' } });
  assert.equal(notTheirs.status, 404);
  assert.equal(notTheirs.json.code, 'NOT_FOUND', 'refused as problem+json, whatever the client accepts');
});

it('a cancelled showtime\'s box office refund waits at the counter until the staff hand it back, then counts in their till', async () => {
  const { showtimeId, owner } = await publishedShowtime({ venue: 'Counter Hall', title: 'The Leaking Roof', category: 'THEATRE',
    sections: [{ name: 'Stalls', kind: 'SEATED', default_tier: 'A', rows: seatRows(1, 4) }], prices: { A: 2500 } });
  const staff = await login('staff@demo.ticketmesh.dev');
  const seat = (await seatMap(showtimeId)).seats[0].seat_id;
  const held = await rest('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token: staff, body: { seat_ids: [seat], box_office: true } });
  assert.equal(held.status, 201, JSON.stringify(held.json));
  const buyer = `counter-${crypto.randomUUID()}@example.test`;
  const sold = await rest('POST', '/api/v1/bookings', { token: staff, body: { hold_id: held.json.hold_id,
    box_office: { payment: 'CASH', customer_name: 'Walk-in Buyer', customer_email: buyer } } });
  assert.equal(sold.json.status, 'CONFIRMED', JSON.stringify(sold.json));
  assert.equal((await rest('POST', `/api/v1/showtimes/${showtimeId}/cancel`, { token: owner, body: { reason: 'the roof leaks' } })).status, 200);

  const owed = async () => (await rest('GET', `/api/v1/bookings/${sold.json.booking_id}`, { token: staff })).json.box_office.refund_owed;
  for (let attempt = 0; attempt < 120 && !(await owed()); attempt++) await sleep(500);
  assert.deepEqual(await owed(), sold.json.total, 'owed to the buyer at the counter');
  const told = await awaitMailTo(buyer, new RegExp(`^Cancelled: booking ${sold.json.reference}$`));
  assert.match(told.body, /is waiting for you at the box office \(cash\)/);

  const waiting = await rest('GET', `/api/v1/showtimes/${showtimeId}/bookings?refund_owed=true`, { token: staff });
  assert.equal(waiting.status, 200, JSON.stringify(waiting.json));
  assert.deepEqual(waiting.json.bookings.map((b) => b.reference), [sold.json.reference], 'the buyers the counter still owes');
  assert.equal((await rest('GET', `/api/v1/showtimes/${showtimeId}/bookings`, { token: await customer() })).status, 403);

  const key = crypto.randomUUID();
  const handBack = (idempotencyKey) => rest('POST', `/api/v1/bookings/${sold.json.booking_id}/hand-back-refund`, { token: staff, key: idempotencyKey });
  const handed = await handBack(key);
  assert.equal(handed.status, 200, JSON.stringify(handed.json));
  assert.deepEqual(handed.json.handed_back, sold.json.total);
  assert.equal(handed.json.booking.box_office.refund_owed, undefined, 'nothing owed any more');
  assert.deepEqual((await handBack(key)).json, handed.json, 'a retry hands back nothing more');
  const again = await handBack(crypto.randomUUID());
  assert.equal(again.status, 409, JSON.stringify(again.json));
  assert.deepEqual((await rest('GET', `/api/v1/showtimes/${showtimeId}/bookings?refund_owed=true`, { token: staff })).json.bookings, []);
  const org = (await rest('GET', '/api/v1/me', { token: staff })).json.memberships[0].organization_id;
  const since = new Date(Date.now() - 60_000).toISOString();
  const until = new Date(Date.now() + 60_000).toISOString();
  const drawer = (await rest('GET', `/api/v1/organizations/${org}/box-office/till?from=${since}&to=${until}`, { token: staff }))
    .json.lines.find((line) => line.payment === 'CASH');
  assert.ok(drawer.refunds >= 1 && drawer.handed_back.amount_minor >= sold.json.total.amount_minor, JSON.stringify(drawer));
});

it('a box office shift opens the till with a float and is counted at its close against the float and the cash taken', async () => {
  const { showtimeId } = await publishedShowtime({ venue: 'Till Hall', title: 'Cashing Up', category: 'THEATRE',
    sections: [{ name: 'Stalls', kind: 'SEATED', default_tier: 'A', rows: seatRows(1, 4) }], prices: { A: 2500 } });
  const staff = await login('staff@demo.ticketmesh.dev');
  const org = (await rest('GET', '/api/v1/me', { token: staff })).json.memberships[0].organization_id;
  const gbp = (amount_minor) => ({ amount_minor, currency: 'GBP' });
  const closeShift = (shiftId, body, key) => rest('POST', `/api/v1/box-office/shifts/${shiftId}/close`, { token: staff, key, body });
  const openShift = (key) => rest('POST', `/api/v1/organizations/${org}/box-office/shifts`, { token: staff, key, body: { opening_float: gbp(5000) } });
  let opened = await openShift(crypto.randomUUID());
  if (opened.status === 409 && opened.json.code === 'ALREADY_EXISTS') {
    // a shift an earlier run on this stack left open
    assert.equal((await closeShift(opened.json.shift_id, { counted_cash: gbp(0) })).status, 200);
    opened = await openShift(crypto.randomUUID());
  }
  assert.equal(opened.status, 201, JSON.stringify(opened.json));
  assert.deepEqual(opened.json.expected_cash, gbp(5000), 'the float alone');
  const twice = await openShift(crypto.randomUUID());
  assert.equal(twice.status, 409);
  assert.equal(twice.json.shift_id, opened.json.shift_id, 'the open one named');

  const held = await rest('POST', `/api/v1/showtimes/${showtimeId}/holds`,
    { token: staff, body: { seat_ids: [(await seatMap(showtimeId)).seats[0].seat_id], box_office: true } });
  const sold = await rest('POST', '/api/v1/bookings', { token: staff, body: { hold_id: held.json.hold_id,
    box_office: { payment: 'CASH', customer_name: 'Walk-in Buyer' } } });
  assert.equal(sold.json.status, 'CONFIRMED', JSON.stringify(sold.json));
  const expected = 5000 + sold.json.total.amount_minor;
  const sofar = await rest('GET', `/api/v1/box-office/shifts/${opened.json.shift_id}`, { token: staff });
  assert.equal(sofar.status, 200, JSON.stringify(sofar.json));
  assert.deepEqual(sofar.json.expected_cash, gbp(expected));
  assert.equal((await rest('GET', `/api/v1/box-office/shifts/${opened.json.shift_id}`, { token: await customer() })).status, 404);
  const openNow = await rest('GET', `/api/v1/organizations/${org}/box-office/shifts?open=true`, { token: staff });
  assert.equal(openNow.status, 200, JSON.stringify(openNow.json));
  assert.deepEqual(openNow.json.shifts.map((shift) => [shift.shift_id, shift.till]), [[opened.json.shift_id, undefined]],
    'the staff member\'s open shift, listed without its till');

  const wrongCurrency = await closeShift(opened.json.shift_id, { counted_cash: { amount_minor: expected, currency: 'EUR' } });
  assert.equal(wrongCurrency.status, 400);
  assert.deepEqual(wrongCurrency.json.errors.map((e) => e.field), ['counted_cash.currency']);
  const key = crypto.randomUUID();
  const closed = await closeShift(opened.json.shift_id, { counted_cash: gbp(expected + 100), note: 'a tip left on the counter' }, key);
  assert.equal(closed.status, 200, JSON.stringify(closed.json));
  assert.deepEqual([closed.json.expected_cash, closed.json.counted_cash, closed.json.surplus], [gbp(expected), gbp(expected + 100), gbp(100)]);
  assert.equal(closed.json.shortfall.amount_minor, 0);
  assert.ok(closed.json.closed_at);
  assert.deepEqual((await closeShift(opened.json.shift_id, { counted_cash: gbp(expected + 100), note: 'a tip left on the counter' }, key)).json,
    closed.json, 'a retry answers the same');
  assert.equal((await closeShift(opened.json.shift_id, { counted_cash: gbp(expected) })).status, 409, 'closed already');
});

it('a door scanner verifies a ticket offline with the published keys, and an altered one fails', async () => {
  const { showtimeId, holdId, seatIds } = await hold(1);
  const booked = await rest('POST', '/api/v1/bookings', { token: await customer(), body: { hold_id: holdId, payment: card('4242424242424242') } });
  assert.equal(booked.json.status, 'CONFIRMED', JSON.stringify(booked.json));
  const ticket = booked.json.tickets[0];

  const published = await rest('GET', '/api/v1/tickets/verification-keys');
  assert.equal(published.status, 200, JSON.stringify(published.json));
  assert.match(published.headers.get('cache-control'), /max-age=\d+/);
  const [prefix, kid, claims, signature] = ticket.qr_payload.split('.');
  const jwk = published.json.keys.find((k) => k.kid === kid);
  assert.deepEqual([jwk.kty, jwk.crv, jwk.alg], ['OKP', 'Ed25519', 'EdDSA']);
  assert.equal(jwk.d, undefined, 'public keys only');
  const key = crypto.createPublicKey({ key: jwk, format: 'jwk' });
  const genuine = (signed, sig) => crypto.verify(null, Buffer.from(signed), key, Buffer.from(sig, 'base64url'));
  assert.ok(genuine(`${prefix}.${kid}.${claims}`, signature), 'the ticket as issued verifies');
  const [ticketId, showtime, seat, holder, issuedAt] = Buffer.from(claims, 'base64url').toString('utf8').split('|');
  assert.deepEqual([ticketId, showtime, seat, holder], [ticket.ticket_id, showtimeId, seatIds[0], ticket.holder_user_id]);
  assert.ok(Math.abs(Number(issuedAt) * 1000 - Date.now()) < 600_000, 'issued at, in epoch seconds');
  const otherSeat = Buffer.from([ticketId, showtime, crypto.randomUUID(), holder, issuedAt].join('|')).toString('base64url');
  assert.ok(!genuine(`${prefix}.${kid}.${otherSeat}`, signature), 'a ticket moved to another seat does not');
});

it('a customer\'s tickets of every booking are in their wallet, newest first, and sent again by email when asked', async () => {
  const { holdId } = await hold(1);
  const booked = await rest('POST', '/api/v1/bookings', { token: await customer(), body: { hold_id: holdId, payment: card('4242424242424242') } });
  assert.equal(booked.json.status, 'CONFIRMED', JSON.stringify(booked.json));
  const first = await rest('GET', '/api/v1/me/tickets?page_size=1', { token: await customer() });
  assert.equal(first.status, 200, JSON.stringify(first.json));
  assert.deepEqual(first.json.tickets.map((t) => t.ticket_id), [booked.json.tickets[0].ticket_id]);
  assert.ok(first.json.next_page_token, 'the tickets of this file\'s earlier bookings follow');
  const older = await rest('GET', `/api/v1/me/tickets?page_size=1000&page_token=${first.json.next_page_token}`, { token: await customer() });
  assert.ok(older.json.tickets.length >= 2 && !older.json.next_page_token);
  assert.ok(!older.json.tickets.some((t) => t.ticket_id === booked.json.tickets[0].ticket_id), 'no ticket twice');
  const stranger = await newCustomer('Stranger');
  assert.deepEqual((await rest('GET', '/api/v1/me/tickets', { token: stranger })).json.tickets ?? [], []);
  assert.equal((await rest('GET', '/api/v1/me/tickets')).status, 401);

  const key = crypto.randomUUID();
  const resend = (token) => rest('POST', `/api/v1/bookings/${booked.json.booking_id}/resend-tickets`, { token, key });
  const resent = await resend(await customer());
  assert.equal(resent.status, 202, JSON.stringify(resent.json));
  assert.equal(resent.json.tickets, 1);
  const again = await awaitMail(await customer(), new RegExp(`^Your tickets again: booking ${booked.json.reference}$`));
  assert.match(again.body, /sent again as asked/);
  assert.equal((await resend(stranger)).status, 404, 'not for anyone else');
});

it('4000...0002 is FAILED, the seats are available again and nothing is charged', async () => {
  const { showtimeId, holdId, seatIds } = await hold(2);
  const failed = await rest('POST', '/api/v1/bookings', { token: await customer(), body: { hold_id: holdId, payment: card('4000000000000002') } });
  assert.equal(failed.json.status, 'FAILED');
  assert.equal(failed.json.failure_code, 'PAYMENT_DECLINED');
  assert.equal(failed.json.payment.captured.amount_minor, 0);
  assert.deepEqual(await seatStates(showtimeId, seatIds), ['AVAILABLE']);
  const told = await awaitMail(await customer(), new RegExp(`^Not booked: booking ${failed.json.reference}$`));
  assert.match(told.body, /did not go through: .*declined.*\r?\n\r?\nNothing was charged/s, 'the customer is told why, and that nothing was charged');
});

it('a malformed card is refused with 400 naming the fields of the body, in words, and books nothing', async () => {
  const { showtimeId, holdId, seatIds } = await hold(1);
  const refused = await rest('POST', '/api/v1/bookings', { token: await customer(),
    body: { hold_id: holdId, payment: { card_number: '4242 4242', exp_month: 13, exp_year: 2035, cvc: '12' } } });
  assert.equal(refused.status, 400);
  assert.equal(refused.json.code, 'VALIDATION_FAILED');
  assert.deepEqual(Object.fromEntries(refused.json.errors.map((e) => [e.field, e.detail])), {
    'payment.card_number': 'must be 12 to 19 digits',
    'payment.exp_month': 'must be greater than or equal to 1 and less than or equal to 12',
    'payment.cvc': 'must be 3 or 4 digits',
  });
  assert.deepEqual(await seatStates(showtimeId, seatIds), ['HELD']);
  const none = await rest('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token: await customer(),
    body: { quantity: 2, together: true, accessibility: ['WHEELCHAIR', 'FLYING'] } });
  assert.equal(none.status, 400);
  assert.equal(none.json.errors[0].field, 'accessibility[1]');
  await rest('DELETE', `/api/v1/holds/${holdId}`, { token: await customer() });
});

it('4000...3220 goes through 3-D Secure: REQUIRES_ACTION with next_action.url, then CONFIRMED', async () => {
  const { holdId } = await hold(1);
  const waiting = await rest('POST', '/api/v1/bookings', { token: await customer(), body: { hold_id: holdId, payment: card('4000000000003220') } });
  assert.equal(waiting.json.status, 'REQUIRES_ACTION');
  const challenge = await fetch(waiting.json.next_action.url);
  assert.match(await challenge.text(), /Confirm the payment/);
  const completed = await fetch(`${waiting.json.next_action.url}/complete`, { method: 'POST', redirect: 'manual' });
  assert.ok(completed.status < 400);
  let booking;
  for (let attempt = 0; attempt < 100; attempt++) {
    booking = (await rest('GET', `/api/v1/bookings/${waiting.json.booking_id}`, { token: await customer() })).json;
    if (booking.status === 'CONFIRMED' || booking.status === 'FAILED') break;
    await sleep(200);
  }
  assert.equal(booking.status, 'CONFIRMED');
});

it('a cancellation refunds and frees the seats; forged webhooks are refused', async () => {
  const { showtimeId, holdId, seatIds } = await hold(2);
  const booking = (await rest('POST', '/api/v1/bookings', { token: await customer(), body: { hold_id: holdId, payment: card('4242424242424242') } })).json;
  const cancelled = await rest('POST', `/api/v1/bookings/${booking.booking_id}/cancel`, { token: await customer(), body: {} });
  assert.equal(cancelled.status, 200, JSON.stringify(cancelled.json));
  assert.equal(cancelled.json.booking.status, 'CANCELLED');
  assert.equal(cancelled.json.refunded.amount_minor, booking.total.amount_minor);
  assert.deepEqual(await seatStates(showtimeId, seatIds), ['AVAILABLE']);

  const forged = await rest('POST', '/api/v1/payments/webhooks/simulated', { body: { id: 'evt_forged', type: 'charge.authorized', data: { charge_id: 'ch_x' } } });
  assert.equal(forged.status, 401);
});

it('the organizer refunds part of a booking without cancelling a seat; the customer is mailed how much and may not ask it', async () => {
  const buyer = await newCustomer('Refunded');
  const showtimeId = await demoShowtimeId('hamlet');
  const seats = (await seatMap(showtimeId)).seats.filter((s) => s.state === 'AVAILABLE').slice(-100).sort(() => Math.random() - 0.5);
  const held = await rest('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token: buyer, body: { seat_ids: seats.slice(0, 2).map((s) => s.seat_id) } });
  assert.equal(held.status, 201, JSON.stringify(held.json));
  const booking = (await rest('POST', '/api/v1/bookings', { token: buyer, body: { hold_id: held.json.hold_id, payment: card('4242424242424242') } })).json;
  assert.equal(booking.status, 'CONFIRMED', JSON.stringify(booking));
  const amount = { amount_minor: 500, currency: booking.total.currency };
  const refund = (token, key) => rest('POST', `/api/v1/bookings/${booking.booking_id}/refund`,
    { token, key, body: { amount, reason: 'The show started an hour late.' } });
  assert.equal((await refund(buyer, crypto.randomUUID())).status, 403);
  const key = crypto.randomUUID();
  const refunded = await refund(await login('owner@demo.ticketmesh.dev'), key);
  assert.equal(refunded.status, 200, JSON.stringify(refunded.json));
  assert.deepEqual(refunded.json.refunded, amount);
  assert.equal(refunded.json.booking.status, 'CONFIRMED', 'its seats and tickets stay');
  assert.equal((await refund(await login('owner@demo.ticketmesh.dev'), key)).json.booking.totals.refunded.amount_minor, 500, 'a retry');
  const told = await awaitMail(buyer, new RegExp(`^Refund: booking ${booking.reference}$`));
  assert.match(told.body, /The organizer refunded part of your booking .*: The show started an hour late\./);
  const tooMuch = await rest('POST', `/api/v1/bookings/${booking.booking_id}/refund`, { token: await login('owner@demo.ticketmesh.dev'),
    key: crypto.randomUUID(), body: { amount: booking.total } });
  assert.equal(tooMuch.status, 400);
  assert.equal(tooMuch.json.errors[0].field, 'amount');
});

/** The showtime once its status is `wanted` (15 seconds at most). */
async function awaitShowtimeStatus(showtimeId, wanted) {
  let showtime;
  for (let attempt = 0; attempt < 75; attempt++) {
    showtime = (await rest('GET', `/api/v1/showtimes/${showtimeId}`)).json;
    if (showtime.status === wanted) return showtime;
    await sleep(200);
  }
  assert.fail(`showtime still ${showtime.status}, not ${wanted}`);
}

it('a showtime whose last seats are sold shows SOLD_OUT until a cancellation frees one', async () => {
  const { showtimeId } = await publishedShowtime({ venue: 'Box Room', title: 'The Last Two Seats', category: 'THEATRE',
    sections: [{ name: 'Stalls', kind: 'SEATED', default_tier: 'A', rows: seatRows(1, 2) }], prices: { A: 2000 } });
  const buyer = await newCustomer('Last');
  const seats = (await seatMap(showtimeId)).seats.map((s) => s.seat_id);
  const held = await rest('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token: buyer, body: { seat_ids: seats } });
  assert.equal(held.status, 201, JSON.stringify(held.json));
  assert.equal((await rest('GET', `/api/v1/showtimes/${showtimeId}`)).json.status, 'ON_SALE', 'held seats may still come back');
  const booked = await rest('POST', '/api/v1/bookings', { token: buyer, body: { hold_id: held.json.hold_id, payment: card('4242424242424242') } });
  assert.equal(booked.json.status, 'CONFIRMED', JSON.stringify(booked.json));
  await awaitShowtimeStatus(showtimeId, 'SOLD_OUT');
  const cancelled = await rest('POST', `/api/v1/bookings/${booked.json.booking_id}/cancel`, { token: buyer, body: { seat_ids: [seats[0]] } });
  assert.equal(cancelled.status, 200, JSON.stringify(cancelled.json));
  await awaitShowtimeStatus(showtimeId, 'ON_SALE');
});

it('a customer cancels neither a seat used at the door nor a booking made after the organizer\'s refunds ended, unless the show then moves; the organizer can', async () => {
  const { showtimeId, owner } = await publishedShowtime({ venue: 'Final Sale Hall', title: 'No Refunds After Monday', category: 'THEATRE',
    sections: [{ name: 'Stalls', kind: 'SEATED', default_tier: 'A', rows: seatRows(1, 4) }], prices: { A: 2000 } });
  const buyer = await customer();
  const seats = (await seatMap(showtimeId)).seats.map((s) => s.seat_id).slice(0, 3);
  const held = await rest('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token: buyer, body: { seat_ids: seats } });
  const booked = await rest('POST', '/api/v1/bookings', { token: buyer, body: { hold_id: held.json.hold_id, payment: card('4242424242424242') } });
  assert.equal(booked.json.status, 'CONFIRMED', JSON.stringify(booked.json));
  const cancel = (token, seatIds) => rest('POST', `/api/v1/bookings/${booked.json.booking_id}/cancel`, { token, body: { seat_ids: seatIds } });

  const staff = await login('staff@demo.ticketmesh.dev');
  const used = booked.json.tickets[0];
  assert.equal((await rest('POST', '/api/v1/checkin', { token: staff, body: { qr_payload: used.qr_payload, gate: 'Main' } })).status, 200);
  const afterTheShow = await cancel(buyer, [used.seat_id]);
  assert.equal(afterTheShow.status, 409);
  assert.match(afterTheShow.json.detail, /used at the door/);
  assert.equal((await cancel(buyer, [booked.json.tickets[1].seat_id])).json.booking.status, 'PARTIALLY_CANCELLED', 'a seat not used');

  const ended = new Date(Date.now() - 60_000).toISOString();
  const policy = await rest('PATCH', `/api/v1/showtimes/${showtimeId}`, { token: owner, body: { customer_refunds_end: ended } });
  assert.equal(policy.status, 200, JSON.stringify(policy.json));
  assert.equal((await cancel(buyer, [booked.json.tickets[2].seat_id])).status, 200, 'booked while refunds were promised: still refunded');

  const finalSale = (await publishedShowtime({ venue: 'Final Sale Hall', title: 'Sales Final', category: 'THEATRE',
    sections: [{ name: 'Stalls', kind: 'SEATED', default_tier: 'A', rows: seatRows(1, 2) }], prices: { A: 2000 },
    fields: { customer_refunds_end: ended } })).showtimeId;
  const lateBuyer = await newCustomer('Late');
  const lateHeld = await rest('POST', `/api/v1/showtimes/${finalSale}/holds`, { token: lateBuyer, body: { quantity: 1 } });
  const lateBooked = await rest('POST', '/api/v1/bookings', { token: lateBuyer, body: { hold_id: lateHeld.json.hold_id, payment: card('4242424242424242') } });
  assert.equal(lateBooked.json.status, 'CONFIRMED', JSON.stringify(lateBooked.json));
  const cancelLate = () => rest('POST', `/api/v1/bookings/${lateBooked.json.booking_id}/cancel`, { token: lateBuyer, body: {} });
  const late = await cancelLate();
  assert.equal(late.status, 409, 'booked after refunds ended');
  assert.equal(late.json.code, 'BOOKING_NOT_CANCELLABLE');

  const show = (await rest('GET', `/api/v1/showtimes/${finalSale}`)).json;
  const newStart = new Date(Date.parse(show.starts_at) + 2 * 24 * 3600 * 1000).toISOString();
  assert.equal((await rest('PATCH', `/api/v1/showtimes/${finalSale}`, { token: owner, body: { starts_at: newStart } })).status, 200);
  const told = await awaitMail(lateBuyer, new RegExp(`New time: booking ${lateBooked.json.reference}`));
  assert.match(told.body, /Your tickets stay valid/);
  assert.ok(told.attachments.some((a) => a.filename === `${lateBooked.json.reference}.ics`), 'the calendar entry revised');
  const afterTheMove = await eventually(async () => (await cancelLate()).status, 200);
  assert.equal(afterTheMove, 200, 'bought for the old time: refunded until the new start whatever the policy');

  const byOrganizer = await cancel(owner, [used.seat_id]);
  assert.equal(byOrganizer.status, 200, JSON.stringify(byOrganizer.json));
  assert.equal(byOrganizer.json.booking.status, 'CANCELLED');
});

it('close to the show the organizer\'s refund policy gives a customer\'s own cancellation only its share, quoted before, and the mail says what it kept', async () => {
  const steps = [{ before_start: '60s', percent: 0 }, { before_start: '31536000s', percent: 50 }];
  const { showtimeId } = await publishedShowtime({ venue: 'Policy Hall', title: 'Half Back This Week', category: 'THEATRE',
    sections: [{ name: 'Stalls', kind: 'SEATED', default_tier: 'A', rows: seatRows(1, 4) }], prices: { A: 2000 },
    fields: { customer_refund_steps: steps } });
  const policy = (await rest('GET', `/api/v1/showtimes/${showtimeId}`)).json.customer_refund_steps;
  assert.deepEqual(policy.map((s) => s.percent), [50, 0], 'earliest step first');
  const buyer = await newCustomer('Policy');
  const seats = (await seatMap(showtimeId)).seats.map((s) => s.seat_id).slice(0, 2);
  const held = await rest('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token: buyer, body: { seat_ids: seats } });
  const booked = await rest('POST', '/api/v1/bookings', { token: buyer, body: { hold_id: held.json.hold_id, payment: card('4242424242424242') } });
  assert.equal(booked.json.status, 'CONFIRMED', JSON.stringify(booked.json));

  const quote = await rest('GET', `/api/v1/bookings/${booked.json.booking_id}/cancellation-quote`, { token: buyer });
  assert.equal(quote.status, 200, JSON.stringify(quote.json));
  assert.equal(quote.json.refund_percent, 50);
  const show = (await rest('GET', `/api/v1/showtimes/${showtimeId}`)).json;
  assert.equal(Date.parse(quote.json.until), Date.parse(show.starts_at) - 60_000, 'until the next step, a minute before the show');
  const cancelled = await rest('POST', `/api/v1/bookings/${booked.json.booking_id}/cancel`, { token: buyer, body: {} });
  assert.equal(cancelled.status, 200, JSON.stringify(cancelled.json));
  assert.equal(cancelled.json.refund_percent, 50);
  assert.deepEqual([cancelled.json.refunded, cancelled.json.withheld], [quote.json.refund, quote.json.withheld], 'as quoted');
  const paid = Number(booked.json.totals.total.amount_minor);
  assert.equal(Number(cancelled.json.refunded.amount_minor), Math.floor(paid / 2));
  assert.equal(Number(cancelled.json.withheld.amount_minor), paid - Math.floor(paid / 2));
  assert.equal(cancelled.json.booking.totals.withheld.amount_minor, cancelled.json.withheld.amount_minor);
  const told = await awaitMail(buyer, new RegExp(`^Cancelled: booking ${booked.json.reference}$`));
  assert.match(told.body, /the organizer's refund policy gives back 50% of what they cost; it keeps/);
});
