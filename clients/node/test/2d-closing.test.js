// An account exported and closed by its owner, against the live stack: the gateway deletes it and publishes AccountClosed;
// ticket-service and booking-service erase the customer's name and address, workers tell the address. The tickets
// already sent still admit at the door.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { awaitMail, card, demoShowtimeId, eventually, login, newCustomer, rest, seatMap, sleep } from './support/gateway.js';

const PASSWORD = 'a long enough passphrase';

describe('exporting and closing an account through the REST gateway', () => {
  it('exports it, closes it with its password, erases its name from its booking and tickets, and the tickets still admit', async () => {
    const token = await newCustomer('Closing');
    const email = (await rest('GET', '/api/v1/me', { token })).json.email;
    const showtimeId = await demoShowtimeId('hamlet');
    const free = (await seatMap(showtimeId)).seats.filter((s) => s.state === 'AVAILABLE').slice(-100);
    const seat = free[Math.floor(Math.random() * free.length)].seat_id;
    const held = await rest('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token, body: { seat_ids: [seat] } });
    assert.equal(held.status, 201, JSON.stringify(held.json));
    const booked = await rest('POST', '/api/v1/bookings', { token, body: { hold_id: held.json.hold_id, payment: card('4242424242424242') } });
    assert.equal(booked.json.status, 'CONFIRMED', JSON.stringify(booked.json));
    const owner = await login('owner@demo.ticketmesh.dev');
    const holderName = async () => (await rest('GET', `/api/v1/bookings/${booked.json.booking_id}`, { token: owner }))
      .json.tickets[0].holder_name ?? '';
    assert.equal(await holderName(), 'Closing');

    const ticketsMail = `Your tickets: booking ${booked.json.reference}`;
    await awaitMail(token, new RegExp(`^${ticketsMail}$`));
    // workers log a mail as the transaction of its event commits, a moment after the server took it
    let exported;
    for (let attempt = 0; attempt < 5; attempt++) {
      if (attempt > 0) await sleep(500);
      exported = await rest('GET', '/api/v1/me/export', { token });
      if (exported.json.notifications?.emails?.some((m) => m.subject === ticketsMail)) break;
    }
    assert.equal(exported.status, 200);
    assert.match(exported.headers.get('content-disposition'), /attachment; filename="ticketmesh-account-.*\.json"/);
    assert.equal(exported.json.account.email, email);
    assert.deepEqual(exported.json.bookings.map((b) => b.booking_id), [booked.json.booking_id]);
    assert.deepEqual(exported.json.tickets.map((t) => t.ticket_id), booked.json.tickets.map((t) => t.ticket_id));
    assert.deepEqual(exported.json.waitlist_entries, []);
    const mailed = exported.json.notifications.emails.find((m) => m.subject === ticketsMail);
    assert.ok(mailed, `the tickets mail among workers' log: ${JSON.stringify(exported.json.notifications)}`);
    assert.equal(mailed.recipient, email);
    assert.equal(mailed.outcome, 'SENT');
    assert.ok(exported.json.notifications.emails.every((m) => m.recipient.toLowerCase() === email.toLowerCase()), 'only mails to them');

    const wrong = await rest('POST', '/api/v1/me/close', { token, body: { password: 'not my passphrase' } });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.json.errors[0].field, 'password');
    assert.equal((await rest('POST', '/api/v1/me/close', { token, body: { password: PASSWORD } })).status, 204);

    const told = await awaitMail(token, /^Your Ticketmesh account is closed$/);
    assert.match(told.body, /stay valid at the door/);
    assert.equal((await rest('POST', '/api/v1/auth/login', { body: { email, password: PASSWORD } })).status, 401);
    assert.equal(await eventually(async () => (await rest('GET', '/api/v1/me', { token })).status, 401), 401);
    assert.equal(await eventually(holderName, ''), '', 'the name is erased from the tickets');
    const resend = async () => (await rest('POST', `/api/v1/bookings/${booked.json.booking_id}/resend-tickets`, { token: owner })).status;
    assert.equal(await eventually(resend, 409), 409, 'no address to send them to, once booking-service erased it');

    const staff = await login('staff@demo.ticketmesh.dev');
    const scan = { qr_payload: booked.json.tickets[0].qr_payload, gate: 'North' };
    assert.equal((await rest('POST', '/api/v1/checkin', { token: staff, body: scan })).status, 200);
  });
});
