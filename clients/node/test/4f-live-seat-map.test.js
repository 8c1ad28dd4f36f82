// The live seat map over realtime-service's gRPC stream: a snapshot, then every hold and release on the showtime as it
// happens (ticket-service -> outbox -> Kafka -> workers -> Redis -> realtime-service), each naming the version it follows.
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
    sections: [{ name: 'Stalls', kind: 'SEATED', default_tier: 'A', rows: seatRows(1, 3) }], prices: { A: 2000 } });
  const realtime = connect(loadContracts(), 'ticketmesh.realtime.v1.RealtimeService', `${HOST}:9095`);
  const stream = realtime.WatchShowtime({ showtime_id: showtimeId });
  stream.on('error', () => {}); // the cancel below ends the stream with CANCELLED
  try {
    const next = messages(stream);
    const snapshot = (await next()).snapshot;
    assert.equal(snapshot.seats.length, 3);
    assert.ok(snapshot.seats.every((seat) => seat.state === 'SEAT_STATE_AVAILABLE'));

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
  } finally {
    stream.cancel();
    realtime.close();
  }
});
