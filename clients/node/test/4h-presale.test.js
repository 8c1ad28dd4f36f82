// A presale against the live stack: before the general sale the organizer opens holds to the holders of a code; a
// customer with it holds and books, one without it or with another is told why, and ending the presale closes it again;
// single-use codes admit their first holder only, are listed again (JSON or CSV) and can be withdrawn.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { card, newCustomer, publishedShowtime, rest, seatMap, seatRows } from './support/gateway.js';

describe('a presale through the REST gateway', () => {
  it('lets holders of its code hold and book before the general sale, and no one else', async () => {
    const salesStart = new Date(Date.now() + 3600 * 1000).toISOString();
    const { showtimeId, owner } = await publishedShowtime({ venue: 'Presale Hall', title: 'First Dibs', category: 'CONCERT',
      sections: [{ name: 'Stalls', kind: 'SEATED', default_tier: 'STALLS', rows: seatRows(2, 6) }],
      prices: { STALLS: 3000 }, fields: { sales_start: salesStart } });
    const path = `/api/v1/showtimes/${showtimeId}/presale`;
    assert.deepEqual((await rest('GET', path)).json, {}, 'no presale yet');

    const fan = await newCustomer('Fan');
    assert.equal((await rest('PUT', path, { token: fan, body: { starts_at: new Date().toISOString(), codes: ['X-1'] } })).status, 403);
    const bad = await rest('PUT', path, { token: owner, body: { codes: ['ok-code', 'no'] } });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.json.errors.map((e) => e.field).sort(), ['codes[1]', 'starts_at']);
    const set = await rest('PUT', path, { token: owner, body: { starts_at: new Date(Date.now() - 60_000).toISOString(), codes: ['fanclub-42'] } });
    assert.equal(set.status, 200, JSON.stringify(set.json));
    assert.deepEqual(set.json.presale.codes, ['FANCLUB-42']);
    const seen = (await rest('GET', path)).json.presale;
    assert.equal(Date.parse(seen.sales_start), Date.parse(salesStart));
    assert.deepEqual(seen.codes ?? [], [], 'the codes are the organizer\'s');

    const seats = (await seatMap(showtimeId)).seats.map((s) => s.seat_id);
    const hold = (body) => rest('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token: fan, body });
    const noCode = await hold({ seat_ids: seats.slice(0, 2) });
    assert.equal(noCode.status, 409);
    assert.equal(noCode.json.code, 'SHOWTIME_NOT_ON_SALE');
    assert.match(noCode.json.detail, /presale code/);
    const wrong = await hold({ seat_ids: seats.slice(0, 2), presale_code: 'GUESS' });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.json.code, 'PRESALE_CODE_INVALID');
    assert.equal(wrong.json.errors[0].field, 'presale_code');
    const held = await hold({ seat_ids: seats.slice(0, 2), presale_code: 'fanclub-42' });
    assert.equal(held.status, 201, JSON.stringify(held.json));
    const booked = await rest('POST', '/api/v1/bookings', { token: fan, body: { hold_id: held.json.hold_id, payment: card('4242424242424242') } });
    assert.equal(booked.json.status, 'CONFIRMED', JSON.stringify(booked.json));
    const best = await hold({ quantity: 2, together: true, presale_code: 'FANCLUB-42' });
    assert.equal(best.status, 201, JSON.stringify(best.json));

    assert.deepEqual((await rest('PUT', path, { token: owner, body: { codes: [] } })).json, {}, 'ended');
    const after = await hold({ seat_ids: seats.slice(8, 10), presale_code: 'FANCLUB-42' });
    assert.equal(after.status, 409, 'no presale: the general sale has not begun');
  });

  it('issues single-use codes, each admitting only the first customer who holds with it', async () => {
    const salesStart = new Date(Date.now() + 3600 * 1000).toISOString();
    const { showtimeId, owner } = await publishedShowtime({ venue: 'Fan Club Hall', title: 'One Each', category: 'CONCERT',
      sections: [{ name: 'Stalls', kind: 'SEATED', default_tier: 'STALLS', rows: seatRows(2, 6) }],
      prices: { STALLS: 3000 }, fields: { sales_start: salesStart } });
    const path = `/api/v1/showtimes/${showtimeId}/presale`;
    const fan = await newCustomer('Fan');
    const friend = await newCustomer('Friend');
    const key = crypto.randomUUID();
    const issue = (token, body, idempotencyKey) => rest('POST', `${path}/codes`, { token, body, key: idempotencyKey });
    assert.equal((await issue(fan, { count: 2 }, crypto.randomUUID())).status, 403);
    const tooMany = await issue(owner, { count: 10001 }, crypto.randomUUID());
    assert.equal(tooMany.status, 400);
    assert.equal(tooMany.json.errors[0].field, 'count');
    const issued = await issue(owner, { count: 2 }, key);
    assert.equal(issued.status, 201, JSON.stringify(issued.json));
    assert.equal(issued.json.codes.length, 2);
    assert.deepEqual((await issue(owner, { count: 2 }, key)).json, issued.json, 'a retry issues nothing more');
    const set = await rest('PUT', path, { token: owner, body: { starts_at: new Date(Date.now() - 60_000).toISOString(), issued_codes: true } });
    assert.equal(set.status, 200, JSON.stringify(set.json));
    assert.equal(set.json.presale.issued_codes, true);

    const seats = (await seatMap(showtimeId)).seats.map((s) => s.seat_id);
    const hold = (token, body) => rest('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token, body });
    const [code] = issued.json.codes;
    const held = await hold(fan, { seat_ids: seats.slice(0, 2), presale_code: code.toLowerCase() });
    assert.equal(held.status, 201, JSON.stringify(held.json));
    const passedOn = await hold(friend, { seat_ids: seats.slice(2, 4), presale_code: code });
    assert.equal(passedOn.status, 400);
    assert.equal(passedOn.json.code, 'PRESALE_CODE_INVALID');
    const counted = (await rest('GET', path, { token: owner })).json.presale;
    assert.deepEqual([counted.codes_issued, counted.codes_used], [2, 1]);

    assert.equal((await rest('GET', `${path}/codes`, { token: fan })).status, 403);
    const refusedCsv = await rest('GET', `${path}/codes`, { token: fan, headers: { accept: 'text/csv' } });
    assert.equal(refusedCsv.status, 403, 'refused as a problem, whatever was asked for');
    assert.equal(refusedCsv.json.code, 'PERMISSION_DENIED');
    const listed = await rest('GET', `${path}/codes?state=used`, { token: owner });
    assert.equal(listed.status, 200, JSON.stringify(listed.json));
    assert.deepEqual(listed.json.codes.map((c) => [c.code, c.state]), [[code, 'USED']]);
    const exported = await rest('GET', `${path}/codes`, { token: owner, headers: { accept: 'text/csv' } });
    assert.equal(exported.status, 200);
    const rows = exported.json.trim().split('\r\n');
    assert.equal(rows[0], 'code,state,issued_at,used_at,withdrawn_at');
    assert.deepEqual(rows.slice(1).map((row) => row.split(',')[0]).sort(), [...issued.json.codes].sort(), 'every code issued');

    const unknown = await rest('POST', `${path}/codes/withdraw`, { token: owner, body: { codes: [code, 'GUES-SWOR-KS'] } });
    assert.equal(unknown.status, 400);
    assert.deepEqual(unknown.json.errors.map((e) => e.field), ['codes[1]']);
    const withdrawn = await rest('POST', `${path}/codes/withdraw`, { token: owner, body: { codes: [code.toLowerCase()] } });
    assert.equal(withdrawn.status, 200, JSON.stringify(withdrawn.json));
    assert.equal(withdrawn.json.withdrawn, 1);
    const again = await hold(fan, { seat_ids: seats.slice(4, 6), presale_code: code });
    assert.equal(again.status, 400, 'a withdrawn code admits no one, its holder included');
    assert.equal(again.json.code, 'PRESALE_CODE_INVALID');
    assert.equal((await rest('GET', path, { token: owner })).json.presale.codes_withdrawn, 1);
  });
});
