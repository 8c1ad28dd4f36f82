-- The version of each booking's ticket events (ticketmesh.tickets is keyed by booking: TicketsIssued, TicketsVoided,
-- TicketTransferred, TicketOffered), one further with each, so that their metadata.aggregate_version increases strictly
-- as the contract says: it was 1 for an issue and for every offer, 2 for every void, and the count of the booking's
-- tickets for a transfer. A booking with tickets already goes on above every version it was given.
create table booking_ticket_versions (
    booking_id uuid   primary key,
    version    bigint not null
);
insert into booking_ticket_versions (booking_id, version)
select booking_id, count(*) + 2 from tickets group by booking_id;
