// Venues with seat maps through the REST gateway against the live stack (gateway -> event-service -> PostgreSQL).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import crypto from 'node:crypto';
import { login, newCustomer, rest } from './support/gateway.js';

/** 40 rows of 50 seats and a standing floor: 2,000 seats. */
function hall() {
  const rows = Array.from({ length: 40 }, (_, r) => ({
    label: `R${r + 1}`,
    seats: Array.from({ length: 50 }, (_, n) => ({
      label: String(n + 1), x: n, y: r, tier: r < 10 ? 'A' : 'B',
      accessibility: r === 0 && n === 0 ? ['WHEELCHAIR'] : r === 0 && n === 1 ? ['COMPANION'] : [],
    })),
  }));
  return {
    name: 'Node Test Hall', city: 'Vienna', address: 'Ring 1', timezone: 'Europe/Vienna', country_code: 'AT',
    seat_map: { stage: { x: 25, y: -3 }, sections: [
      { name: 'Parterre', kind: 'SEATED', default_tier: 'A', rows },
      { name: 'Floor', kind: 'STANDING', capacity: 300, default_tier: 'C' },
    ] },
  };
}

it('an owner creates a 2,000-seat venue, everyone reads every seat id, others may not create', async () => {
  const owner = await login('owner@demo.ticketmesh.dev');
  const org = (await rest('GET', '/api/v1/me', { token: owner })).json.memberships[0].organization_id;

  const created = await rest('POST', `/api/v1/organizations/${org}/venues`, {
    token: owner, body: hall(), key: crypto.randomUUID() });
  assert.equal(created.status, 201, JSON.stringify(created.json));
  assert.equal(created.json.capacity, 2300);

  const read = await rest('GET', `/api/v1/venues/${created.json.venue_id}`);
  assert.equal(read.status, 200);
  const seats = read.json.seat_map.sections[0].rows.flatMap((row) => row.seats);
  assert.equal(seats.length, 2000);
  assert.equal(new Set(seats.map((s) => s.seat_id)).size, 2000);
  assert.deepEqual(seats[0].accessibility, ['WHEELCHAIR']);

  const copy = await rest('POST', `/api/v1/organizations/${org}/venues`, { token: owner, body: read.json });
  assert.equal(copy.status, 201, `a venue's JSON posts back as a copy: ${JSON.stringify(copy.json)}`);
  assert.notEqual(copy.json.venue_id, created.json.venue_id);
  const copiedSeats = copy.json.seat_map.sections[0].rows.flatMap((row) => row.seats);
  assert.equal(copiedSeats.length, 2000);
  assert.ok(copiedSeats.every((s) => !seats.some((o) => o.seat_id === s.seat_id)), 'the copy has seat ids of its own');

  const broken = hall();
  broken.seat_map.sections[0].rows[1].label = 'R1';
  broken.seat_map.sections[0].rows[2].seats[3].x = 2.1;
  const refused = await rest('POST', `/api/v1/organizations/${org}/venues`, { token: owner, body: broken });
  assert.equal(refused.status, 409);
  assert.equal(refused.json.code, 'SEAT_MAP_INVALID');
  assert.ok(refused.json.errors.length >= 2);
  assert.ok(refused.json.errors.every((e) => e.field.startsWith('seat_map.sections[0].rows[')), JSON.stringify(refused.json.errors));

  const withNul = hall();
  withNul.name = 'Node\u0000Hall';
  withNul.seat_map.sections[0].rows[2].seats[3].tier = 'A\u0000';
  const nul = await rest('POST', `/api/v1/organizations/${org}/venues`, { token: owner, body: withNul });
  assert.equal(nul.status, 400, 'text PostgreSQL cannot store is refused, not an internal error');
  assert.equal(nul.json.code, 'VALIDATION_FAILED');
  assert.deepEqual(nul.json.errors.map((e) => e.field).sort(), ['name', 'seat_map.sections[0].rows[2].seats[3].tier']);

  const strangerToken = await newCustomer('Stranger');
  const denied = await rest('POST', `/api/v1/organizations/${org}/venues`, { token: strangerToken, body: hall() });
  assert.equal(denied.status, 403);
  assert.equal(denied.json.code, 'PERMISSION_DENIED');
});

it('an owner puts an event on sale in that venue and anyone reads it', async () => {
  const owner = await login('owner@demo.ticketmesh.dev');
  const org = (await rest('GET', '/api/v1/me', { token: owner })).json.memberships[0].organization_id;
  const venue = (await rest('POST', `/api/v1/organizations/${org}/venues`, { token: owner, body: hall() })).json;

  const event = await rest('POST', `/api/v1/organizations/${org}/events`, { token: owner, body: {
    title: 'The Cherry Orchard', description: 'Chekhov in a new translation', category: 'THEATRE', duration: '9000s', language: 'en' } });
  assert.equal(event.status, 201, JSON.stringify(event.json));
  const longTitle = await rest('POST', `/api/v1/organizations/${org}/events`, { token: owner, body: {
    title: 'T'.repeat(201), category: 'THEATRE' } });
  assert.equal(longTitle.status, 400);
  assert.deepEqual(longTitle.json.errors.map((e) => e.field), ['title'], 'errors name the fields of the body sent');

  const startsAt = new Date(Date.now() + 14 * 24 * 3600 * 1000).toISOString();
  const money = (cents) => ({ amount_minor: cents, currency: 'EUR' });
  const showtime = await rest('POST', `/api/v1/events/${event.json.event_id}/showtimes`, { token: owner, body: {
    venue_id: venue.venue_id, starts_at: startsAt,
    price_tiers: [{ tier: 'A', price: money(6500) }, { tier: 'B', price: money(4200) }, { tier: 'C', price: money(2500) }] } });
  assert.equal(showtime.status, 201, JSON.stringify(showtime.json));
  const negative = await rest('POST', `/api/v1/events/${event.json.event_id}/showtimes`, { token: owner, body: {
    venue_id: venue.venue_id, starts_at: startsAt, price_tiers: [{ tier: 'A', price: money(-1) }] } });
  assert.equal(negative.status, 400);
  assert.deepEqual(negative.json.errors.map((e) => e.field), ['price_tiers[0].price.amount_minor']);
  assert.equal(showtime.json.status, 'DRAFT');
  assert.equal(showtime.json.timezone, 'Europe/Vienna');
  assert.equal((await rest('GET', `/api/v1/showtimes/${showtime.json.showtime_id}`)).status, 404, 'a draft is not public');

  const missingTier = await rest('POST', `/api/v1/events/${event.json.event_id}/showtimes`, { token: owner, body: {
    venue_id: venue.venue_id, starts_at: startsAt, price_tiers: [{ tier: 'A', price: money(6500) }] } });
  assert.equal(missingTier.status, 400);

  const published = await rest('POST', `/api/v1/showtimes/${showtime.json.showtime_id}/publish`, { token: owner });
  assert.equal(published.status, 200);
  assert.equal(published.json.status, 'ON_SALE');

  const read = await rest('GET', `/api/v1/showtimes/${showtime.json.showtime_id}`);
  assert.equal(read.status, 200);
  assert.equal(read.json.venue_name, 'Node Test Hall');
  assert.equal(read.json.event.title, 'The Cherry Orchard');
  assert.equal(read.json.price_tiers[0].price.amount_minor, 6500);
  const readEvent = await rest('GET', `/api/v1/events/${event.json.event_id}`);
  assert.equal(readEvent.json.upcoming_showtimes[0].city, 'Vienna');

  const found = await rest('GET', '/api/v1/events?q=orchard&city=vienna&category=THEATRE&page_size=100');
  assert.equal(found.status, 200, JSON.stringify(found.json));
  const hit = found.json.hits.find((h) => h.event.event_id === event.json.event_id);
  assert.ok(hit, 'found by a word of its title, its city and its category');
  assert.equal(hit.showtimes[0].showtime_id, showtime.json.showtime_id);
  assert.equal(hit.showtimes[0].min_price.amount_minor, 2500);
  const elsewhere = await rest('GET', '/api/v1/events?q=orchard&category=CONCERT&page_size=100');
  assert.ok(!elsewhere.json.hits.some((h) => h.event.event_id === event.json.event_id), 'the category filter excludes it');

  const stranger = await rest('POST', `/api/v1/showtimes/${showtime.json.showtime_id}/cancel`, {
    token: await login('alice@demo.ticketmesh.dev'), body: { reason: 'no' } });
  assert.equal(stranger.status, 403);
});

it('an owner renames a venue and an event, and lists the organization\'s venues, events and showtimes', async () => {
  const owner = await login('owner@demo.ticketmesh.dev');
  const org = (await rest('GET', '/api/v1/me', { token: owner })).json.memberships[0].organization_id;
  const venue = (await rest('POST', `/api/v1/organizations/${org}/venues`, { token: owner, body: hall() })).json;
  const event = (await rest('POST', `/api/v1/organizations/${org}/events`, { token: owner, body: {
    title: 'Working Title', description: 'A play in rehearsal', category: 'THEATRE', genre: 'drama' } })).json;
  const startsAt = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
  const showtime = (await rest('POST', `/api/v1/events/${event.event_id}/showtimes`, { token: owner, body: {
    venue_id: venue.venue_id, starts_at: startsAt, price_tiers: ['A', 'B', 'C'].map((tier) => ({
      tier, price: { amount_minor: 3000, currency: 'EUR' } })) } })).json;

  const renamed = await rest('PATCH', `/api/v1/events/${event.event_id}`, { token: owner, body: { title: 'The Seagull' } });
  assert.equal(renamed.status, 200, JSON.stringify(renamed.json));
  assert.equal(renamed.json.title, 'The Seagull');
  assert.equal(renamed.json.description, 'A play in rehearsal', 'fields the body leaves out stay');
  assert.equal(renamed.json.genre, 'drama');
  const empty = await rest('PATCH', `/api/v1/events/${event.event_id}`, { token: owner, body: { title: '' } });
  assert.equal(empty.status, 400);
  assert.deepEqual(empty.json.errors.map((e) => e.field), ['title']);
  const moved = await rest('PATCH', `/api/v1/events/${event.event_id}`, { token: owner, body: { organization_id: crypto.randomUUID() } });
  assert.equal(moved.status, 400, 'an event stays with its organization');
  const stranger = await rest('PATCH', `/api/v1/events/${event.event_id}`, { token: await newCustomer('Stranger'), body: { title: 'Mine' } });
  assert.equal(stranger.status, 403);
  assert.equal((await rest('GET', `/api/v1/events/${event.event_id}`)).json.title, 'The Seagull');

  const venues = await rest('GET', `/api/v1/organizations/${org}/venues?page_size=2`);
  assert.equal(venues.status, 200, JSON.stringify(venues.json));
  assert.equal(venues.json.venues[0].venue_id, venue.venue_id, 'newest first');
  assert.equal(venues.json.venues.length, 2);
  assert.ok(venues.json.next_page_token, 'the demo organization has more venues');
  assert.ok(!venues.json.venues[0].seat_map?.sections?.length, 'without seat maps');
  const next = await rest('GET', `/api/v1/organizations/${org}/venues?page_size=2&page_token=${venues.json.next_page_token}`);
  assert.equal(next.status, 200);
  assert.ok(!next.json.venues.some((v) => venues.json.venues.some((w) => w.venue_id === v.venue_id)), 'the next page has others');

  const renamedVenue = await rest('PATCH', `/api/v1/venues/${venue.venue_id}`, { token: owner, body: { name: 'Studio Two', address: '' } });
  assert.equal(renamedVenue.status, 200, JSON.stringify(renamedVenue.json));
  assert.deepEqual([renamedVenue.json.name, renamedVenue.json.address ?? '', renamedVenue.json.city], ['Studio Two', '', venue.city]);
  assert.equal(Number(renamedVenue.json.revision), Number(venue.revision) + 1);
  const readVenue = (await rest('GET', `/api/v1/venues/${venue.venue_id}`)).json;
  assert.equal(readVenue.name, 'Studio Two');
  assert.deepEqual(readVenue.seat_map, venue.seat_map, 'the seat map as drawn');
  const movedZone = await rest('PATCH', `/api/v1/venues/${venue.venue_id}`, { token: owner, body: { timezone: 'Asia/Tokyo' } });
  assert.equal(movedZone.status, 400, 'a venue keeps its time zone');
  assert.match(movedZone.json.detail, /timezone cannot be changed/);
  const strangerVenue = await rest('PATCH', `/api/v1/venues/${venue.venue_id}`, { token: await newCustomer('Stranger'), body: { name: 'Mine' } });
  assert.equal(strangerVenue.status, 403);

  const listed = async (token) => {
    const page = await rest('GET', `/api/v1/organizations/${org}/events?page_size=5`, { token });
    assert.equal(page.status, 200, JSON.stringify(page.json));
    return page.json.events.map((e) => e.event_id);
  };
  assert.equal((await listed(owner))[0], event.event_id, 'its members see its newest event, only a draft on it');
  assert.ok(!(await listed(null)).includes(event.event_id), 'anyone else does not before a showtime is published');
  const forged = await rest('GET', `/api/v1/organizations/${org}/events?page_token=forged`);
  assert.equal(forged.status, 400);
  assert.deepEqual(forged.json.errors.map((e) => e.field), ['page_token']);

  const ours = async (token) => {
    const page = await rest('GET', `/api/v1/organizations/${org}/showtimes?from=${startsAt.slice(0, 10)}&page_size=500`, { token });
    assert.equal(page.status, 200, JSON.stringify(page.json));
    return page.json.showtimes.find((s) => s.showtime_id === showtime.showtime_id);
  };
  assert.equal((await ours(owner))?.status, 'DRAFT', 'its drafts for its members');
  assert.equal(await ours(null), undefined, 'not for anyone else');
  const badFrom = await rest('GET', `/api/v1/organizations/${org}/showtimes?from=tomorrow`);
  assert.equal(badFrom.status, 400);
  assert.deepEqual(badFrom.json.errors.map((e) => e.field), ['from']);
});
