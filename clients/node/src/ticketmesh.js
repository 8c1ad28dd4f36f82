// A Ticketmesh client for Node.js: loads the contracts from proto/ (no generated code to keep in step) and
// connects to the services with @grpc/grpc-js. See proto/README.md for the authentication and error model.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import protobuf from 'protobufjs';

const PROTO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../proto');
const THIRD_PARTY = path.join(PROTO_ROOT, 'third_party');

/** Every gRPC service of the local stack, on its default port (ARCHITECTURE.md). */
export const SERVICES = [
  { name: 'event-service', port: 9091, apis: ['ticketmesh.event.v1.EventService', 'ticketmesh.event.v1.VenueService'] },
  { name: 'ticket-service', port: 9092, apis: ['ticketmesh.ticket.v1.InventoryService', 'ticketmesh.ticket.v1.TicketService'] },
  { name: 'booking-service', port: 9093, apis: ['ticketmesh.booking.v1.BookingService', 'ticketmesh.waitingroom.v1.WaitingRoomService', 'ticketmesh.waitlist.v1.WaitlistService'] },
  { name: 'payment-service', port: 9094, apis: ['ticketmesh.payment.v1.PaymentService'] },
  { name: 'realtime-service', port: 9095, apis: ['ticketmesh.realtime.v1.RealtimeService'] },
  { name: 'workers', port: 9096, apis: ['ticketmesh.notification.v1.NotificationService'] },
];

function protoFiles(dir, relativeTo) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return protoFiles(full, relativeTo);
    return entry.name.endsWith('.proto') ? [path.relative(relativeTo, full)] : [];
  });
}

const LOADER_OPTIONS = { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true };

/** The Ticketmesh contracts, health checking and google.rpc error details as one package tree. */
export function loadContracts() {
  const files = [
    ...protoFiles(path.join(PROTO_ROOT, 'ticketmesh'), PROTO_ROOT),
    'grpc/health/v1/health.proto',
    'google/rpc/error_details.proto',
    'google/rpc/status.proto',
  ];
  const definition = protoLoader.loadSync(files, { ...LOADER_OPTIONS, includeDirs: [PROTO_ROOT, THIRD_PARTY] });
  return grpc.loadPackageDefinition(definition);
}

/** Looks up a dotted name (e.g. "ticketmesh.event.v1.VenueService") in the loaded package tree. */
export function lookup(contracts, fullName) {
  return fullName.split('.').reduce((node, part) => node?.[part], contracts);
}

/**
 * A client for one service. `token` (an access token from the gateway's /api/v1/auth/login) is sent as
 * `authorization: Bearer <token>` on every call; `requestId` as `x-request-id`.
 */
export function connect(contracts, serviceName, address, { token, requestId } = {}) {
  const Service = lookup(contracts, serviceName);
  if (!Service) throw new Error(`unknown service ${serviceName}`);
  // metadata through an interceptor: grpc-js sends call credentials only on TLS channels, and the local stack is plaintext
  const addMetadata = (options, nextCall) => new grpc.InterceptingCall(nextCall(options), {
    start(metadata, listener, next) {
      if (token) metadata.set('authorization', `Bearer ${token}`);
      if (requestId) metadata.set('x-request-id', requestId);
      next(metadata, listener);
    },
  });
  return new Service(address, grpc.credentials.createInsecure(), { interceptors: [addMetadata] });
}

/** Calls a unary RPC and resolves with its response (or rejects with the gRPC error). */
export function unary(client, method, request, deadlineSeconds = 5) {
  return new Promise((resolve, reject) => {
    client[method](request, { deadline: new Date(Date.now() + deadlineSeconds * 1000) }, (error, response) =>
      error ? reject(error) : resolve(response));
  });
}

let errorTypes;

/** google.rpc.Status, ErrorInfo and BadRequest decoders, loaded once. */
function rpcErrorTypes() {
  if (!errorTypes) {
    const root = new protobuf.Root();
    root.resolvePath = (origin, target) => {
      const vendored = path.join(THIRD_PARTY, target);
      return fs.existsSync(vendored) ? vendored : protobuf.util.path.resolve(origin, target);
    };
    root.loadSync(['google/rpc/status.proto', 'google/rpc/error_details.proto'], { keepCase: true });
    errorTypes = {
      status: root.lookupType('google.rpc.Status'),
      errorInfo: root.lookupType('google.rpc.ErrorInfo'),
      badRequest: root.lookupType('google.rpc.BadRequest'),
    };
  }
  return errorTypes;
}

/**
 * Reads Ticketmesh's rich error model from a failed call: the canonical code plus google.rpc.ErrorInfo
 * (reason, domain, metadata) and BadRequest field violations, carried in the `grpc-status-details-bin` trailer.
 */
export function errorDetails(error) {
  const result = { code: error.code, reason: undefined, domain: undefined, metadata: {}, violations: [] };
  const raw = error.metadata?.get('grpc-status-details-bin')?.[0];
  if (!raw) return result;
  const types = rpcErrorTypes();
  for (const any of types.status.decode(raw).details) {
    if (any.type_url.endsWith('/google.rpc.ErrorInfo')) {
      const info = types.errorInfo.decode(any.value);
      Object.assign(result, { reason: info.reason, domain: info.domain, metadata: info.metadata });
    } else if (any.type_url.endsWith('/google.rpc.BadRequest')) {
      result.violations = types.badRequest.decode(any.value).field_violations
        .map((v) => ({ field: v.field, description: v.description }));
    }
  }
  return result;
}
