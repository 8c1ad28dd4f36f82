// The check every REST call of these tests goes through (support/described.js), on a small description of its own:
// what it lets pass and what it catches.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { unlikeDescription } from './support/described.js';

const openapi = {
  paths: {
    '/api/v1/holds/{hold_id}': { get: { responses: {
      200: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Hold' } } } },
      404: { content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
    } } },
    '/api/v1/holds/mine': { get: { responses: { 204: { description: 'none' } } } },
    '/api/v1/holds': { post: {
      requestBody: { content: { 'application/json': { schema: { anyOf: [
        { type: 'object', properties: { seat_ids: { type: 'array', items: { type: 'string' } } } },
        { type: 'object', properties: { quantity: { type: 'integer' }, together: { type: 'boolean' } } }] } } } },
      responses: { 201: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Hold' } } } },
        400: { content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } } } } },
  },
  components: { schemas: {
    Hold: { properties: { hold_id: { type: 'string' }, seat_ids: { type: 'array', items: { type: 'string' } },
      extensions: { type: 'integer' } } },
    Problem: { type: 'object', additionalProperties: true, properties: { code: { type: 'string' }, seat_ids: { type: 'array', items: { type: 'string' } } } },
  } },
};
const json = 'application/json';
const hold = (answer, method = 'GET', path = '/api/v1/holds/h1?expand=seats') => unlikeDescription(openapi, method, path, answer);

it('an answer as described passes: its status, media type and every field (an object without its type too)', () => {
  assert.deepEqual(hold({ status: 200, contentType: `${json};charset=UTF-8`, json: { hold_id: 'h1', seat_ids: ['a'], extensions: 0 } }), []);
  assert.deepEqual(hold({ status: 404, contentType: 'application/problem+json', json: { code: 'NOT_FOUND', seat_ids: [] } }), []);
  assert.deepEqual(hold({ status: 204, contentType: null, json: null }, 'GET', '/api/v1/holds/mine'), [], 'the literal path, not the template');
  assert.deepEqual(hold({ status: 200, contentType: json, json: {} }, 'GET', '/v3/api-docs'), [], 'no operation of the description');
});

it('a field left out of the description, or of another type, is named by its path', () => {
  assert.deepEqual(hold({ status: 200, contentType: json, json: { hold_id: 'h1', seat_ids: [7, 8], expires: 'soon' } }),
    ['seat_ids[] is not string', 'expires']);
  assert.deepEqual(hold({ status: 200, contentType: json, json: { extensions: 1.5 } }), ['extensions is not integer']);
  assert.deepEqual(hold({ status: 404, contentType: 'application/problem+json', json: { code: 'NOT_FOUND', seat_ids: 'a,b', gate: 'N' } }),
    ['seat_ids is not array', 'gate'], 'a detail the Problem does not name, though it allows more');
});

it('a status or media type the operation does not describe is caught', () => {
  assert.deepEqual(hold({ status: 409, contentType: 'application/problem+json', json: { code: 'X' } }), ['status 409 is not described']);
  assert.deepEqual(hold({ status: 200, contentType: 'text/csv', json: 'a,b' }), ['200 text/csv is not described (application/json)']);
  assert.deepEqual(hold({ status: 204, contentType: json, json: { a: 1 } }, 'GET', '/api/v1/holds/mine'),
    ['204 application/json is not described (no body)']);
});

it('a body the gateway took is held against the request body\'s description, any of its alternatives', () => {
  const made = (body, status = 201) => hold(status === 201 ? { status, contentType: json, json: { hold_id: 'h2' }, body }
    : { status, contentType: 'application/problem+json', json: { code: 'X' }, body }, 'POST', '/api/v1/holds');
  assert.deepEqual(made({ seat_ids: ['a'] }), []);
  assert.deepEqual(made({ quantity: 2, together: true }), []);
  assert.deepEqual(made({ quantity: 2, tier: 'BOX' }), ['body.tier'], 'the closest alternative\'s finding');
  assert.deepEqual(made({ quantity: 'two' }, 400), [], 'a body refused is not one the description must take');
  assert.deepEqual(hold({ status: 204, contentType: null, json: null, body: {} }, 'GET', '/api/v1/holds/mine'),
    ['body: the operation describes no JSON body']);
});
