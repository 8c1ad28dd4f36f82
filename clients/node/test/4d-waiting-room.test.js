// The on-sale waiting room through the REST gateway: the organizer turns it on, customers queue, and only an admitted
// customer's token lets a hold through until the room is turned off.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import crypto from 'node:crypto';
import { newCustomer, publishedShowtime, rest, seatMap, seatRows, sleep } from './support/gateway.js';

const room = (showtimeId) => `/api/v1/showtimes/${showtimeId}/waiting-room`;

/** Tries a hold of the first free seat until the gateway answers other than 201 (ticket-service learns of the room over Kafka). */
async function awaitRefusedHold(showtimeId, token, body = {}) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const seat = (await seatMap(showtimeId)).seats.find((s) => s.state === 'AVAILABLE');
    const held = await rest('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token, body: { seat_ids: [seat.seat_id], ...body } });
    if (held.status !== 201) return held;
    await rest('DELETE', `/api/v1/holds/${held.json.hold_id}`, { token });
    await sleep(200);
  }
  throw new Error('holds still go through');
}

it('a waiting room queues customers, admits them at its rate, and lets only their own tokens hold', async () => {
  const { showtimeId, owner } = await publishedShowtime({ venue: 'Queue Hall', title: 'The Big On-Sale', category: 'CONCERT',
    sections: [{ name: 'Stalls', kind: 'SEATED', default_tier: 'A', rows: seatRows(2, 10) }], prices: { A: 5000 } });
  const [ana, ben] = [await newCustomer('Ana'), await newCustomer('Ben')];

  const beforeRoom = await rest('POST', room(showtimeId), { token: ana });
  assert.equal(beforeRoom.status, 200, JSON.stringify(beforeRoom.json));
  assert.equal(beforeRoom.json.state, 'ADMITTED', 'no room: everyone is in, without a token');
  assert.ok(!beforeRoom.json.admission_token);

  const byCustomer = await rest('PUT', room(showtimeId), { token: ana, body: { active: true, admit_per_minute: 60 } });
  assert.equal(byCustomer.status, 403, JSON.stringify(byCustomer.json));
  const tooLong = await rest('PUT', room(showtimeId), { token: owner, body: { active: true, admit_per_minute: 60, admission_ttl: '90000s' } });
  assert.equal(tooLong.status, 400, JSON.stringify(tooLong.json));
  assert.equal(tooLong.json.errors[0].field, 'admission_ttl');

  const opensAt = new Date(Date.now() + 3000);
  const on = await rest('PUT', room(showtimeId), { token: owner, key: crypto.randomUUID(),
    body: { active: true, admit_per_minute: 120, opens_at: opensAt.toISOString() } });
  assert.equal(on.status, 200, JSON.stringify(on.json));
  assert.equal(on.json.active, true);
  assert.equal(on.json.admit_per_minute, 120);

  const joined = await rest('POST', room(showtimeId), { token: ben, key: crypto.randomUUID() });
  assert.equal(joined.status, 200, JSON.stringify(joined.json));
  assert.equal(joined.json.state, 'WAITING');
  assert.equal(joined.json.position, 1);
  assert.match(joined.json.estimated_wait, /^\d+(\.\d+)?s$/);
  const notJoined = await rest('GET', room(showtimeId), { token: ana });
  assert.equal(notJoined.status, 404, JSON.stringify(notJoined.json));

  const refused = await awaitRefusedHold(showtimeId, ana);
  assert.equal(refused.status, 403, JSON.stringify(refused.json));
  assert.equal(refused.json.code, 'ADMISSION_REQUIRED');

  let place = joined.json;
  for (let attempt = 0; attempt < 100 && place.state !== 'ADMITTED'; attempt++) {
    await sleep(200);
    place = (await rest('GET', room(showtimeId), { token: ben })).json;
  }
  assert.equal(place.state, 'ADMITTED', JSON.stringify(place));
  assert.ok(Date.now() >= opensAt.getTime() - 1000, 'admitted only once the sale opened');
  assert.match(place.admission_token, /^WR1\./);
  assert.ok(new Date(place.admission_expires_at) > new Date());

  const best = await rest('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token: ben,
    body: { quantity: 2, together: true, admission_token: place.admission_token } });
  assert.equal(best.status, 201, JSON.stringify(best.json));
  assert.equal(best.json.seat_ids.length, 2);
  const borrowed = await rest('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token: ana,
    body: { quantity: 1, admission_token: place.admission_token } });
  assert.equal(borrowed.status, 403, JSON.stringify(borrowed.json));
  assert.match(borrowed.json.detail, /another customer's/);

  const off = await rest('PUT', room(showtimeId), { token: owner, body: { active: false, admit_per_minute: 0 } });
  assert.equal(off.status, 200, JSON.stringify(off.json));
  let held;
  for (let attempt = 0; attempt < 100 && held?.status !== 201; attempt++) {
    await sleep(200);
    held = await rest('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token: ana, body: { quantity: 1 } });
  }
  assert.equal(held.status, 201, 'a room turned off lets holds through without a token');
});
