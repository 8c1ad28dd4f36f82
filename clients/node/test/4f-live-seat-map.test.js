// The live seat map over realtime-service's gRPC stream: a snapshot, then every hold and release on the showtime as it
// happens (ticket-service -> outbox -> Kafka -> workers -> Redis -> realtime-service), each naming the version it follows;
// a standing floor as its counts.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { connect, loadContracts } from '../src/ticketmesh.js';
import { HOST, newCustomer, publishedShowtime, rest, seatRows } from './support/gateway.js';

/** The stream's messages, one at a time (20 seconds at most each). */
function messages(stream) {
  const queue = [];
  const waiting = [];
  stream.on('data', (message) => (waiting.length ? waiting.shift()(message) : queue.push(message)));
  return () => (queue.length ? Promise.resolve(queue.shift()) : new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no message on the stream')), 20_000);
    waiting.push((message) => { clearTimeout(timer); resolve(message); });
  }));
}

it('an open map gets a snapshot, then each hold and release of the showtime with the version it follows', async () => {
  const { showtimeId } = await publishedShowtime({ venue: 'Live Hall', title: 'Watch Me', category: 'THEATRE',
    sections: [{ name: 'Stalls', kind: 'SEATED', default_tier: 'A', rows: seatRows(1, 3) },
      { name: 'Floor', kind: 'STANDING', capacity: 4, default_tier: 'B' }], prices: { A: 2000, B: 1500 } });
  const realtime = connect(loadContracts(), 'ticketmesh.realtime.v1.RealtimeService', `${HOST}:9095`);
  const stream = realtime.WatchShowtime({ showtime_id: showtimeId });
  stream.on('error', () => {}); // the cancel below ends the stream with CANCELLED
  try {
    const next = messages(stream);
    const snapshot = (await next()).snapshot;
    assert.equal(snapshot.seats.length, 3);
    assert.ok(snapshot.seats.every((seat) => seat.state === 'SEAT_STATE_AVAILABLE'));
    const [floor] = snapshot.standing;
    assert.deepEqual([floor.section, floor.capacity, floor.available, floor.held], ['Floor', 4, 4, 0]);

    const fan = await newCustomer('Watcher');
    const seat = snapshot.seats[1].seat_id;
    const held = await rest('POST', `/api/v1/showtimes/${showtimeId}/holds`, { token: fan, body: { seat_ids: [seat] } });
    assert.equal(held.status, 201, JSON.stringify(held.json));
    const heldChange = (await next()).changes;
    assert.deepEqual(heldChange.changes, [{ seat_id: seat, state: 'SEAT_STATE_HELD' }]);
    assert.equal(heldChange.previous_version, snapshot.version);
    assert.ok(BigInt(heldChange.version) > BigInt(snapshot.version));

    assert.equal((await rest('DELETE', `/api/v1/holds/${held.json.hold_id}`, { token: fan })).status, 204);
    const released = (await next()).changes;
    assert.deepEqual(released.changes, [{ seat_id: seat, state: 'SEAT_STATE_AVAILABLE' }]);
    assert.equal(released.previous_version, heldChange.version);

    const places = await rest('POST', `/api/v1/showtimes/${showtimeId}/holds`,
      { token: fan, body: { standing: [{ section_id: floor.section_id, quantity: 3 }] } });
    assert.equal(places.status, 201, JSON.stringify(places.json));
    const counted = (await next()).changes;
    assert.deepEqual(counted.changes, [], 'standing places are counted, not listed');
    assert.deepEqual(counted.standing.map((area) => [area.section_id, area.available, area.held]), [[floor.section_id, 1, 3]]);
    assert.equal(counted.previous_version, released.version);
  } finally {
    stream.cancel();
    realtime.close();
  }
});
