-- The waiting rooms booking-service announces (WaitingRoomChanged), the latest of each showtime. While one is active,
-- holds on its showtime need an admission token signed by the key stored with it.
create table waiting_rooms (
    showtime_id      uuid    primary key,
    active           boolean not null,
    key_id           text    not null,
    verification_key bytea   not null,
    -- the room's version in booking-service: an older announcement arriving late changes nothing
    version          bigint  not null
);
