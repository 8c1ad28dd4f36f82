// Polyglot proof: a Node.js client built from proto/ talks to every running Ticketmesh gRPC service.
// Needs the local stack (./ticketmesh up); TICKETMESH_HOST moves it off 127.0.0.1.
import assert from 'node:assert/strict';
import { describe, it, after } from 'node:test';
import grpc from '@grpc/grpc-js';
import { SERVICES, loadContracts, connect, unary, errorDetails } from '../src/ticketmesh.js';

import { HOST } from './support/gateway.js';
const contracts = loadContracts();
const clients = [];
after(() => clients.forEach((c) => c.close()));

function open(serviceName, port, options) {
  const client = connect(contracts, serviceName, `${HOST}:${port}`, options);
  clients.push(client);
  return client;
}

describe('grpc.health.v1.Health/Check', () => {
  for (const service of SERVICES) {
    it(`${service.name} on ${service.port} is SERVING`, async () => {
      const health = open('grpc.health.v1.Health', service.port);
      const response = await unary(health, 'Check', { service: '' });
      assert.equal(response.status, 'SERVING');
    });
  }
});

describe('the error model reaches other languages', () => {
  it('an invalid request is INVALID_ARGUMENT with ErrorInfo and the offending field', async () => {
    const venues = open('ticketmesh.event.v1.VenueService', 9091, { requestId: 'node-client-test' });
    await assert.rejects(unary(venues, 'GetVenue', { venue_id: 'not-a-uuid' }), (error) => {
      assert.equal(error.code, grpc.status.INVALID_ARGUMENT);
      const details = errorDetails(error);
      assert.equal(details.reason, 'VALIDATION_FAILED');
      assert.equal(details.domain, 'ticketmesh.io');
      assert.deepEqual(details.violations.map((v) => v.field), ['venue_id']);
      return true;
    });
  });

  it('a forged token is UNAUTHENTICATED', async () => {
    const bookings = open('ticketmesh.booking.v1.BookingService', 9093, { token: 'forged.token.value' });
    await assert.rejects(unary(bookings, 'ListBookings', {}), (error) => {
      assert.equal(error.code, grpc.status.UNAUTHENTICATED);
      assert.equal(errorDetails(error).reason, 'UNAUTHENTICATED');
      return true;
    });
  });
});
