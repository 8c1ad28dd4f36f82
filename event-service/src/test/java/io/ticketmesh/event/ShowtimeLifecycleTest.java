package io.ticketmesh.event;

import static io.ticketmesh.platform.testing.GrpcTestCalls.as;
import static io.ticketmesh.platform.testing.GrpcTestCalls.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.FieldMask;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import io.grpc.Status;
import io.ticketmesh.event.domain.ShowtimeCatalog;
import io.ticketmesh.event.domain.ShowtimeEnder;
import io.ticketmesh.platform.error.RemoteError;
import io.ticketmesh.platform.inbox.ReceivedEvent;
import io.ticketmesh.platform.testing.KafkaTestEvents;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.common.v1.EventMetadata;
import io.ticketmesh.proto.common.v1.Money;
import io.ticketmesh.proto.event.v1.CancelShowtimeRequest;
import io.ticketmesh.proto.event.v1.CreateEventRequest;
import io.ticketmesh.proto.event.v1.CreateShowtimeRequest;
import io.ticketmesh.proto.event.v1.CreateVenueRequest;
import io.ticketmesh.proto.event.v1.Event;
import io.ticketmesh.proto.event.v1.EventCategory;
import io.ticketmesh.proto.event.v1.EventServiceGrpc;
import io.ticketmesh.proto.event.v1.GetEventRequest;
import io.ticketmesh.proto.event.v1.CustomerRefundStep;
import io.ticketmesh.proto.event.v1.GetShowtimeRequest;
import io.ticketmesh.proto.event.v1.ListEventsRequest;
import io.ticketmesh.proto.event.v1.ListEventsResponse;
import io.ticketmesh.proto.event.v1.ListShowtimesRequest;
import io.ticketmesh.proto.event.v1.PriceTier;
import io.ticketmesh.proto.event.v1.PublishShowtimeRequest;
import io.ticketmesh.proto.event.v1.Row;
import io.ticketmesh.proto.event.v1.SearchEventsRequest;
import io.ticketmesh.proto.event.v1.SearchHit;
import io.ticketmesh.proto.event.v1.Seat;
import io.ticketmesh.proto.event.v1.SeatMap;
import io.ticketmesh.proto.event.v1.Section;
import io.ticketmesh.proto.event.v1.SectionKind;
import io.ticketmesh.proto.event.v1.Showtime;
import io.ticketmesh.proto.event.v1.ShowtimeCancelled;
import io.ticketmesh.proto.event.v1.ShowtimeChanged;
import io.ticketmesh.proto.event.v1.ShowtimePublished;
import io.ticketmesh.proto.event.v1.ShowtimeStatus;
import io.ticketmesh.proto.event.v1.ShowtimeSummary;
import io.ticketmesh.proto.event.v1.UpdateEventRequest;
import io.ticketmesh.proto.event.v1.UpdateShowtimeRequest;
import io.ticketmesh.proto.event.v1.UpdateVenueRequest;
import io.ticketmesh.proto.event.v1.Venue;
import io.ticketmesh.proto.event.v1.VenueServiceGrpc;
import io.ticketmesh.proto.ticket.v1.SoldOutChanged;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Events and showtimes from draft to sale to cancellation, with their announcements on Kafka. */
class ShowtimeLifecycleTest extends EventServiceTestBase {
    @Autowired
    ShowtimeEnder ender;
    @Autowired
    DSLContext dsl;
    private final String org = UUID.randomUUID().toString();
    private final String owner = TOKENS.member(UUID.randomUUID().toString(), Map.of(org, "OWNER"));

    private EventServiceGrpc.EventServiceBlockingStub events(String token) {
        return as(EventServiceGrpc.newBlockingStub(CHANNEL), token);
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    /** Stalls in tier A (one seat in B) and a standing floor in C. */
    private String venue() {
        Section stalls = Section.newBuilder().setName("Stalls").setKind(SectionKind.SECTION_KIND_SEATED).setDefaultTier("A")
                .addRows(Row.newBuilder().setLabel("A").addSeats(Seat.newBuilder().setLabel("1").setX(0).setY(0))
                        .addSeats(Seat.newBuilder().setLabel("2").setX(1).setY(0).setTier("B"))).build();
        Section floor = Section.newBuilder().setName("Floor").setKind(SectionKind.SECTION_KIND_STANDING).setCapacity(50).setDefaultTier("C").build();
        Venue venue = Venue.newBuilder().setName("Hall").setCity("Lyon").setTimezone("Europe/Paris")
                .setSeatMap(SeatMap.newBuilder().addSections(stalls).addSections(floor)).build();
        return as(VenueServiceGrpc.newBlockingStub(CHANNEL), owner).createVenue(CreateVenueRequest.newBuilder()
                .setRequestId(id()).setOrganizationId(org).setVenue(venue).build()).getVenue().getVenueId();
    }

    private Event event() {
        return events(owner).createEvent(CreateEventRequest.newBuilder().setRequestId(id()).setOrganizationId(org)
                .setEvent(Event.newBuilder().setTitle("Le Misanthrope").setCategory(EventCategory.EVENT_CATEGORY_THEATRE)
                        .setDuration(Durations.fromMinutes(150)).setLanguage("fr")).build()).getEvent();
    }

    private static PriceTier tier(String name, long cents, String currency) {
        return PriceTier.newBuilder().setTier(name).setPrice(Money.newBuilder().setAmountMinor(cents).setCurrency(currency)).build();
    }

    private Showtime.Builder showtime(String venueId, PriceTier... tiers) {
        return Showtime.newBuilder().setVenueId(venueId)
                .setStartsAt(Timestamps.fromMillis(System.currentTimeMillis() + Duration.ofDays(30).toMillis()))
                .addAllPriceTiers(List.of(tiers));
    }

    private Showtime draft() {
        Event event = event();
        return events(owner).createShowtime(CreateShowtimeRequest.newBuilder().setRequestId(id()).setEventId(event.getEventId())
                .setShowtime(showtime(venue(), tier("A", 4500, "EUR"), tier("B", 3000, "EUR"), tier("C", 2000, "EUR"))).build()).getShowtime();
    }

    @Test
    void aShowtimeIsCreatedInDraftWithTheVenuesTimeZoneAndTheEventsLength() {
        Showtime showtime = draft();
        assertThat(showtime.getStatus()).isEqualTo(ShowtimeStatus.SHOWTIME_STATUS_DRAFT);
        assertThat(showtime.getTimezone()).isEqualTo("Europe/Paris");
        assertThat(Timestamps.between(showtime.getStartsAt(), showtime.getEndsAt())).isEqualTo(Durations.fromMinutes(150));
        assertThat(showtime.getMaxTicketsPerUser()).isEqualTo(10);
        assertThat(showtime.getPriceTiersList()).extracting(PriceTier::getTier).containsExactly("A", "B", "C");
    }

    @Test
    void everyTierInUseNeedsOnePriceInOneCurrencyAndTheStartIsInTheFuture() {
        Event event = event();
        String venueId = venue();
        Showtime wrong = showtime(venueId, tier("A", 4500, "EUR"), tier("B", 3000, "USD"), tier("B", 10, "EUR"))
                .setStartsAt(Timestamps.fromMillis(System.currentTimeMillis() - 60_000)).build();
        RemoteError error = failure(() -> events(owner).createShowtime(CreateShowtimeRequest.newBuilder().setRequestId(id())
                .setEventId(event.getEventId()).setShowtime(wrong).build()));
        assertThat(error.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(error.violations()).extracting(v -> v.field())
                .contains("showtime.starts_at", "showtime.price_tiers[2].tier", "showtime.price_tiers");
        assertThat(error.violations()).anyMatch(v -> v.description().contains("[C]"));
    }

    @Test
    void aVenueOfAnotherOrganizationCannotBeUsed() {
        String otherOrg = UUID.randomUUID().toString();
        String otherOwner = TOKENS.member(UUID.randomUUID().toString(), Map.of(otherOrg, "OWNER"));
        Venue foreign = Venue.newBuilder().setName("Theirs").setCity("Nice").setTimezone("Europe/Paris")
                .setSeatMap(SeatMap.newBuilder().addSections(Section.newBuilder().setName("Floor")
                        .setKind(SectionKind.SECTION_KIND_STANDING).setCapacity(10).setDefaultTier("A"))).build();
        String foreignVenue = as(VenueServiceGrpc.newBlockingStub(CHANNEL), otherOwner).createVenue(CreateVenueRequest.newBuilder()
                .setRequestId(id()).setOrganizationId(otherOrg).setVenue(foreign).build()).getVenue().getVenueId();
        Event event = event();
        RemoteError error = failure(() -> events(owner).createShowtime(CreateShowtimeRequest.newBuilder().setRequestId(id())
                .setEventId(event.getEventId()).setShowtime(showtime(foreignVenue, tier("A", 1, "EUR"))).build()));
        assertThat(error.violations()).extracting(v -> v.field()).contains("showtime.venue_id");
    }

    @Test
    void publishingAnnouncesOnceAndCancellingAnnouncesOnce() {
        Showtime draft = draft();
        String showtimeId = draft.getShowtimeId();
        assertThat(failure(() -> events(null).getShowtime(GetShowtimeRequest.newBuilder().setShowtimeId(showtimeId).build())).code())
                .as("a draft is invisible to the public").isEqualTo(Status.Code.NOT_FOUND);

        Showtime published = events(owner).publishShowtime(PublishShowtimeRequest.newBuilder().setRequestId(id()).setShowtimeId(showtimeId).build()).getShowtime();
        assertThat(published.getStatus()).isEqualTo(ShowtimeStatus.SHOWTIME_STATUS_ON_SALE);
        assertThat(published.getVenueRevision()).isEqualTo(1);
        assertThat(published.getVersion()).isEqualTo(draft.getVersion() + 1);
        Showtime again = events(owner).publishShowtime(PublishShowtimeRequest.newBuilder().setRequestId(id()).setShowtimeId(showtimeId).build()).getShowtime();
        assertThat(again).isEqualTo(published);
        assertThat(events(null).getShowtime(GetShowtimeRequest.newBuilder().setShowtimeId(showtimeId).build()).getVenueName()).isEqualTo("Hall");

        events(owner).cancelShowtime(CancelShowtimeRequest.newBuilder().setRequestId(id()).setShowtimeId(showtimeId).setReason("storm").build());
        events(owner).cancelShowtime(CancelShowtimeRequest.newBuilder().setRequestId(id()).setShowtimeId(showtimeId).setReason("storm").build());
        RemoteError republish = failure(() -> events(owner).publishShowtime(PublishShowtimeRequest.newBuilder().setRequestId(id()).setShowtimeId(showtimeId).build()));
        assertThat(republish.reason()).isEqualTo(ErrorReason.ERROR_REASON_INVALID_STATE);

        List<ReceivedEvent> announced = announcementsOf(showtimeId, 2);
        assertThat(announced).extracting(ReceivedEvent::type)
                .containsExactly("ticketmesh.event.v1.ShowtimePublished", "ticketmesh.event.v1.ShowtimeCancelled");
        ShowtimePublished publishedEvent = announced.get(0).payload(ShowtimePublished.parser());
        assertThat(publishedEvent.getTotalPlaces()).isEqualTo(2 + 50);
        assertThat(publishedEvent.getShowtime().getPriceTiersCount()).isEqualTo(3);
        assertThat(announced.get(1).payload(ShowtimeCancelled.parser()).getReason()).isEqualTo("storm");
    }

    @Test
    void onlyTheOrganizationsOwnersManageShowtimes() {
        Showtime draft = draft();
        String stranger = TOKENS.member(UUID.randomUUID().toString(), Map.of(UUID.randomUUID().toString(), "OWNER"));
        String staff = TOKENS.member(UUID.randomUUID().toString(), Map.of(org, "STAFF"));
        for (String token : new String[] {stranger, staff}) {
            assertThat(failure(() -> events(token).publishShowtime(PublishShowtimeRequest.newBuilder().setRequestId(id())
                    .setShowtimeId(draft.getShowtimeId()).build())).code()).isEqualTo(Status.Code.PERMISSION_DENIED);
        }
        assertThat(events(staff).getShowtime(GetShowtimeRequest.newBuilder().setShowtimeId(draft.getShowtimeId()).build())
                .getShowtime().getStatus()).as("members see drafts").isEqualTo(ShowtimeStatus.SHOWTIME_STATUS_DRAFT);
    }

    @Test
    void anEventShowsItsUpcomingShowtimesAndCanBeEdited() {
        Showtime draft = draft();
        events(owner).publishShowtime(PublishShowtimeRequest.newBuilder().setRequestId(id()).setShowtimeId(draft.getShowtimeId()).build());
        var read = events(null).getEvent(GetEventRequest.newBuilder().setEventId(draft.getEventId()).build());
        assertThat(read.getUpcomingShowtimesList()).hasSize(1);
        var summary = read.getUpcomingShowtimes(0);
        assertThat(summary.getCity()).isEqualTo("Lyon");
        assertThat(summary.getMinPrice().getAmountMinor()).isEqualTo(2000);
        assertThat(summary.getMaxPrice().getAmountMinor()).isEqualTo(4500);

        Event renamed = events(owner).updateEvent(UpdateEventRequest.newBuilder().setRequestId(id())
                .setEvent(read.getEvent().toBuilder().setTitle("The Misanthrope").setGenre("ignored, not in the mask"))
                .setUpdateMask(FieldMask.newBuilder().addPaths("title")).build()).getEvent();
        assertThat(renamed.getTitle()).isEqualTo("The Misanthrope");
        assertThat(renamed.getGenre()).isEmpty();
        assertThat(renamed.getLanguage()).isEqualTo("fr");
        Event cleared = events(owner).updateEvent(UpdateEventRequest.newBuilder().setRequestId(id())
                .setEvent(renamed.toBuilder().clearLanguage()).setUpdateMask(FieldMask.newBuilder().addPaths("language")).build())
                .getEvent();
        assertThat(cleared.getLanguage()).as("a field in the mask left empty is emptied").isEmpty();
        assertThat(cleared.getTitle()).isEqualTo("The Misanthrope");
        assertThat(events(null).listShowtimes(ListShowtimesRequest.newBuilder().setEventId(draft.getEventId()).build())
                .getShowtimesList()).hasSize(1);
    }

    @Test
    void anOrganizationsEventsAreListedNewestFirstWithUnannouncedOnesForItsMembersOnly() {
        Event unscheduled = event();
        Showtime draft = draft();
        Showtime published = draft();
        events(owner).publishShowtime(PublishShowtimeRequest.newBuilder().setRequestId(id())
                .setShowtimeId(published.getShowtimeId()).build());
        String staff = TOKENS.member(id(), Map.of(org, "STAFF"));

        ListEventsResponse first = events(staff).listEvents(ListEventsRequest.newBuilder().setOrganizationId(org).setPageSize(2).build());
        assertThat(first.getEventsList()).extracting(Event::getEventId).containsExactly(published.getEventId(), draft.getEventId());
        ListEventsResponse second = events(staff).listEvents(ListEventsRequest.newBuilder().setOrganizationId(org).setPageSize(2)
                .setPageToken(first.getNextPageToken()).build());
        assertThat(second.getEventsList()).extracting(Event::getEventId).containsExactly(unscheduled.getEventId());
        assertThat(second.getNextPageToken()).isEmpty();

        String outsider = TOKENS.member(id(), Map.of(id(), "OWNER"));
        for (String reader : new String[] {null, outsider}) {
            assertThat(events(reader).listEvents(ListEventsRequest.newBuilder().setOrganizationId(org).build()).getEventsList())
                    .as("without a showtime out of draft an event is not announced").extracting(Event::getEventId)
                    .containsExactly(published.getEventId());
        }
        RemoteError forged = failure(() -> events(staff).listEvents(ListEventsRequest.newBuilder().setOrganizationId(org)
                .setPageToken("not-a-token").build()));
        assertThat(forged.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void anOrganizationsShowtimesArePagedByStartWithDraftsForItsMembersOnly() {
        Showtime draft = draft();
        Showtime.Builder dayAfter = showtime(draft.getVenueId(), tier("A", 4500, "EUR"), tier("B", 3000, "EUR"), tier("C", 2000, "EUR"))
                .setStartsAt(Timestamps.add(draft.getStartsAt(), Durations.fromDays(1)));
        Showtime published = events(owner).createShowtime(CreateShowtimeRequest.newBuilder().setRequestId(id())
                .setEventId(draft.getEventId()).setShowtime(dayAfter).build()).getShowtime();
        events(owner).publishShowtime(PublishShowtimeRequest.newBuilder().setRequestId(id())
                .setShowtimeId(published.getShowtimeId()).build());
        ListShowtimesRequest.Builder ofOrganization = ListShowtimesRequest.newBuilder().setOrganizationId(org).setPageSize(1);

        var first = events(owner).listShowtimes(ofOrganization.build());
        assertThat(first.getShowtimesList()).extracting(Showtime::getShowtimeId).containsExactly(draft.getShowtimeId());
        var second = events(owner).listShowtimes(ofOrganization.setPageToken(first.getNextPageToken()).build());
        assertThat(second.getShowtimesList()).extracting(Showtime::getShowtimeId).containsExactly(published.getShowtimeId());
        assertThat(second.getNextPageToken()).isEmpty();

        var public_ = events(null).listShowtimes(ofOrganization.setPageToken("").build());
        assertThat(public_.getShowtimesList()).as("a full page of what the public sees, not a page emptied of its draft")
                .extracting(Showtime::getShowtimeId).containsExactly(published.getShowtimeId());
        assertThat(public_.getNextPageToken()).isEmpty();
        assertThat(events(null).listShowtimes(ListShowtimesRequest.newBuilder().setEventId(draft.getEventId()).build())
                .getShowtimesList()).extracting(Showtime::getShowtimeId).containsExactly(published.getShowtimeId());
        assertThat(events(null).listShowtimes(ListShowtimesRequest.newBuilder().setEventId(id()).build()).getShowtimesList())
                .as("an event that does not exist has no showtimes").isEmpty();
    }

    @Test
    void searchAndShowtimesFollowAVenuesNewName() {
        Showtime draft = draft();
        events(owner).publishShowtime(PublishShowtimeRequest.newBuilder().setRequestId(id()).setShowtimeId(draft.getShowtimeId()).build());
        String name = "Salle " + id().substring(0, 8);
        as(VenueServiceGrpc.newBlockingStub(CHANNEL), owner).updateVenue(UpdateVenueRequest.newBuilder().setRequestId(id())
                .setVenue(Venue.newBuilder().setVenueId(draft.getVenueId()).setName(name).setCity("Villeurbanne").setTimezone("x"))
                .setUpdateMask(FieldMask.newBuilder().addPaths("name").addPaths("city")).build());
        assertThat(events(null).searchEvents(SearchEventsRequest.newBuilder().setQuery(name.substring(6)).build()).getHitsList())
                .flatExtracting(SearchHit::getShowtimesList).extracting(ShowtimeSummary::getShowtimeId)
                .containsExactly(draft.getShowtimeId());
        var read = events(null).getShowtime(GetShowtimeRequest.newBuilder().setShowtimeId(draft.getShowtimeId()).build());
        assertThat(read.getVenueName()).isEqualTo(name);
        assertThat(read.getCity()).isEqualTo("Villeurbanne");
    }

    @Test
    void aPublishedShowtimesSeatsComeWithTierPriceAndPlace() {
        Showtime draft = draft();
        events(owner).publishShowtime(PublishShowtimeRequest.newBuilder().setRequestId(id()).setShowtimeId(draft.getShowtimeId()).build());
        var first = events(null).listShowtimeSeats(io.ticketmesh.proto.event.v1.ListShowtimeSeatsRequest.newBuilder()
                .setShowtimeId(draft.getShowtimeId()).setPageSize(1).build());
        assertThat(first.getTotalSeats()).isEqualTo(2);
        assertThat(first.getSeatsList()).hasSize(1);
        assertThat(first.getSeats(0).getTier()).isEqualTo("A");
        assertThat(first.getSeats(0).getPrice().getAmountMinor()).isEqualTo(4500);
        assertThat(first.getStandingAreasList()).singleElement().satisfies(area -> {
            assertThat(area.getCapacity()).isEqualTo(50);
            assertThat(area.getPrice().getAmountMinor()).isEqualTo(2000);
        });
        var second = events(null).listShowtimeSeats(io.ticketmesh.proto.event.v1.ListShowtimeSeatsRequest.newBuilder()
                .setShowtimeId(draft.getShowtimeId()).setPageSize(1).setPageToken(first.getNextPageToken()).build());
        assertThat(second.getSeats(0).getSeatLabel()).isEqualTo("2");
        assertThat(second.getSeats(0).getTier()).as("the seat's own tier beats the section's").isEqualTo("B");
        assertThat(second.getSeats(0).getPositionInRow()).isEqualTo(1);
        assertThat(second.getNextPageToken()).isEmpty();
        assertThat(second.getStandingAreasList()).as("standing areas come on the first page only").isEmpty();
    }

    @Test
    void aDraftChangesFreelyAndMovingItsStartKeepsItsLength() {
        Showtime draft = draft();
        String otherVenue = venue();
        var moved = Timestamps.add(draft.getStartsAt(), Durations.fromHours(24));
        Showtime changed = events(owner).updateShowtime(UpdateShowtimeRequest.newBuilder().setRequestId(id())
                .setShowtime(draft.toBuilder().setVenueId(otherVenue).setStartsAt(moved).clearPriceTiers()
                        .addAllPriceTiers(List.of(tier("A", 5000, "GBP"), tier("B", 3500, "GBP"), tier("C", 1000, "GBP"))))
                .setUpdateMask(FieldMask.newBuilder().addPaths("venue_id").addPaths("starts_at").addPaths("price_tiers")).build()).getShowtime();
        assertThat(changed.getVenueId()).isEqualTo(otherVenue);
        assertThat(Timestamps.between(changed.getStartsAt(), changed.getEndsAt())).isEqualTo(Durations.fromMinutes(150));
        assertThat(changed.getPriceTiers(0).getPrice().getCurrency()).isEqualTo("GBP");
        assertThat(changed.getVersion()).isEqualTo(draft.getVersion() + 1);

        FieldMask limit = FieldMask.newBuilder().addPaths("max_tickets_per_user").build();
        Showtime limited = events(owner).updateShowtime(UpdateShowtimeRequest.newBuilder().setRequestId(id()).setUpdateMask(limit)
                .setShowtime(changed.toBuilder().setMaxTicketsPerUser(4)).build()).getShowtime();
        assertThat(limited.getMaxTicketsPerUser()).isEqualTo(4);
        Showtime unlimited = events(owner).updateShowtime(UpdateShowtimeRequest.newBuilder().setRequestId(id()).setUpdateMask(limit)
                .setShowtime(limited.toBuilder().clearMaxTicketsPerUser()).build()).getShowtime();
        assertThat(unlimited.getMaxTicketsPerUser()).as("0 is the platform default, as at creation").isEqualTo(10);

        RemoteError status = failure(() -> events(owner).updateShowtime(UpdateShowtimeRequest.newBuilder().setRequestId(id())
                .setShowtime(changed).setUpdateMask(FieldMask.newBuilder().addPaths("status")).build()));
        assertThat(status.violations()).extracting(v -> v.field()).containsExactly("update_mask");
    }

    @Test
    void aPublishedShowtimeTakesNewPricesAndWindowsButNothingThatBreaksSales() {
        Showtime draft = draft();
        Showtime published = events(owner).publishShowtime(PublishShowtimeRequest.newBuilder().setRequestId(id())
                .setShowtimeId(draft.getShowtimeId()).build()).getShowtime();
        FieldMask prices = FieldMask.newBuilder().addPaths("price_tiers").build();

        Showtime repriced = events(owner).updateShowtime(UpdateShowtimeRequest.newBuilder().setRequestId(id()).setUpdateMask(prices)
                .setShowtime(published.toBuilder().setPriceTiers(0, tier("A", 5200, "EUR"))).build()).getShowtime();
        assertThat(repriced.getPriceTiers(0).getPrice().getAmountMinor()).isEqualTo(5200);

        RemoteError venue = failure(() -> events(owner).updateShowtime(UpdateShowtimeRequest.newBuilder().setRequestId(id())
                .setShowtime(repriced.toBuilder().setVenueId(venue())).setUpdateMask(FieldMask.newBuilder().addPaths("venue_id")).build()));
        RemoteError dropped = failure(() -> events(owner).updateShowtime(UpdateShowtimeRequest.newBuilder().setRequestId(id())
                .setUpdateMask(prices).setShowtime(repriced.toBuilder().removePriceTiers(1)).build()));
        RemoteError currency = failure(() -> events(owner).updateShowtime(UpdateShowtimeRequest.newBuilder().setRequestId(id())
                .setUpdateMask(prices).setShowtime(repriced.toBuilder().clearPriceTiers()
                        .addAllPriceTiers(List.of(tier("A", 1, "USD"), tier("B", 1, "USD"), tier("C", 1, "USD")))).build()));
        for (RemoteError error : List.of(venue, dropped, currency)) {
            assertThat(error.code()).isEqualTo(Status.Code.FAILED_PRECONDITION);
            assertThat(error.reason()).isEqualTo(ErrorReason.ERROR_REASON_CHANGE_BREAKS_SALES);
        }
        assertThat(dropped.metadata()).containsEntry("tiers", "B");
        String stranger = TOKENS.member(UUID.randomUUID().toString(), Map.of(UUID.randomUUID().toString(), "OWNER"));
        assertThat(failure(() -> events(stranger).updateShowtime(UpdateShowtimeRequest.newBuilder().setRequestId(id())
                .setUpdateMask(prices).setShowtime(repriced).build())).code()).isEqualTo(Status.Code.PERMISSION_DENIED);

        List<ReceivedEvent> announced = announcementsOf(draft.getShowtimeId(), 2);
        assertThat(announced).extracting(ReceivedEvent::type)
                .containsExactly("ticketmesh.event.v1.ShowtimePublished", "ticketmesh.event.v1.ShowtimeChanged");
        ShowtimeChanged change = announced.get(1).payload(ShowtimeChanged.parser());
        assertThat(change.getChangedFieldsList()).containsExactly("price_tiers");
        assertThat(change.getShowtime().getVersion()).isEqualTo(repriced.getVersion());
    }

    @Test
    void anOrganizerClosesAPublishedShowtimeToTransfersAndTicketServiceIsTold() {
        Showtime draft = draft();
        Showtime published = events(owner).publishShowtime(PublishShowtimeRequest.newBuilder().setRequestId(id())
                .setShowtimeId(draft.getShowtimeId()).build()).getShowtime();
        assertThat(published.getTransfersClosed()).as("open by default").isFalse();
        Showtime closed = events(owner).updateShowtime(UpdateShowtimeRequest.newBuilder().setRequestId(id())
                .setUpdateMask(FieldMask.newBuilder().addPaths("transfers_closed"))
                .setShowtime(published.toBuilder().setTransfersClosed(true)).build()).getShowtime();
        assertThat(closed.getTransfersClosed()).isTrue();
        assertThat(events(null).getShowtime(GetShowtimeRequest.newBuilder().setShowtimeId(draft.getShowtimeId()).build())
                .getShowtime().getTransfersClosed()).as("read back").isTrue();
        ShowtimeChanged change = announcementsOf(draft.getShowtimeId(), 2).get(1).payload(ShowtimeChanged.parser());
        assertThat(change.getChangedFieldsList()).containsExactly("transfers_closed");
        assertThat(change.getShowtime().getTransfersClosed()).isTrue();
    }

    @Test
    void anOrganizerSetsUntilWhenCustomersMayCancelForARefundNotAfterTheStart() {
        Showtime published = events(owner).publishShowtime(PublishShowtimeRequest.newBuilder().setRequestId(id())
                .setShowtimeId(draft().getShowtimeId()).build()).getShowtime();
        assertThat(published.hasCustomerRefundsEnd()).as("until the start by default").isFalse();
        var dayBefore = Timestamps.subtract(published.getStartsAt(), Durations.fromHours(24));
        UpdateShowtimeRequest.Builder update = UpdateShowtimeRequest.newBuilder()
                .setUpdateMask(FieldMask.newBuilder().addPaths("customer_refunds_end"));
        Showtime changed = events(owner).updateShowtime(update.setRequestId(id())
                .setShowtime(published.toBuilder().setCustomerRefundsEnd(dayBefore)).build()).getShowtime();
        assertThat(changed.getCustomerRefundsEnd()).isEqualTo(dayBefore);
        assertThat(events(null).getShowtime(GetShowtimeRequest.newBuilder().setShowtimeId(published.getShowtimeId()).build())
                .getShowtime().getCustomerRefundsEnd()).as("read back").isEqualTo(dayBefore);
        var past = Timestamps.fromMillis(System.currentTimeMillis() - 60_000);
        assertThat(events(owner).updateShowtime(update.setRequestId(id()).setShowtime(published.toBuilder().setCustomerRefundsEnd(past))
                .build()).getShowtime().getCustomerRefundsEnd()).as("a time past: sales are final").isEqualTo(past);
        RemoteError late = failure(() -> events(owner).updateShowtime(update.setRequestId(id()).setShowtime(published.toBuilder()
                .setCustomerRefundsEnd(Timestamps.add(published.getStartsAt(), Durations.fromMinutes(1)))).build()));
        assertThat(late.violations()).extracting(v -> v.field()).containsExactly("showtime.customer_refunds_end");
    }

    @Test
    void anOrganizerSetsARefundPolicyByTimeKeptEarliestStepFirst() {
        Showtime published = events(owner).publishShowtime(PublishShowtimeRequest.newBuilder().setRequestId(id())
                .setShowtimeId(draft().getShowtimeId()).build()).getShowtime();
        assertThat(published.getCustomerRefundStepsList()).as("all of it until the end, by default").isEmpty();
        UpdateShowtimeRequest.Builder update = UpdateShowtimeRequest.newBuilder()
                .setUpdateMask(FieldMask.newBuilder().addPaths("customer_refund_steps"));
        Showtime changed = events(owner).updateShowtime(update.setRequestId(id()).setShowtime(published.toBuilder()
                .addCustomerRefundSteps(step(Durations.fromHours(48), 0)).addCustomerRefundSteps(step(Durations.fromDays(7), 50))).build())
                .getShowtime();
        assertThat(changed.getCustomerRefundStepsList()).as("earliest first").containsExactly(step(Durations.fromDays(7), 50),
                step(Durations.fromHours(48), 0));
        assertThat(events(null).getShowtime(GetShowtimeRequest.newBuilder().setShowtimeId(published.getShowtimeId()).build())
                .getShowtime().getCustomerRefundStepsList()).as("read back").isEqualTo(changed.getCustomerRefundStepsList());

        RemoteError wrong = failure(() -> events(owner).updateShowtime(update.setRequestId(id()).setShowtime(published.toBuilder()
                .addCustomerRefundSteps(step(Durations.fromSeconds(90), 10)).addCustomerRefundSteps(step(Durations.fromDays(400), 10))
                .addCustomerRefundSteps(step(Durations.fromHours(1), 10)).addCustomerRefundSteps(step(Durations.fromMinutes(60), 20)))
                .build()));
        assertThat(wrong.violations()).extracting(v -> v.field()).containsExactlyInAnyOrder("showtime.customer_refund_steps[0].before_start",
                "showtime.customer_refund_steps[1].before_start", "showtime.customer_refund_steps[3].before_start");
        assertThat(failure(() -> events(owner).updateShowtime(update.setRequestId(id()).setShowtime(published.toBuilder()
                .addCustomerRefundSteps(step(Durations.fromHours(2), 101))).build())).violations()).extracting(v -> v.field())
                .containsExactly("showtime.customer_refund_steps[0].percent");
        assertThat(events(owner).updateShowtime(update.setRequestId(id()).setShowtime(published).build()).getShowtime()
                .getCustomerRefundStepsList()).as("none: all of it again").isEmpty();
    }

    private static CustomerRefundStep step(com.google.protobuf.Duration beforeStart, int percent) {
        return CustomerRefundStep.newBuilder().setBeforeStart(beforeStart).setPercent(percent).build();
    }

    @Test
    void aMovedShowtimeAnnouncesTheFieldsWhoseValueChangedNotThoseMerelyNamed() {
        Showtime published = events(owner).publishShowtime(PublishShowtimeRequest.newBuilder().setRequestId(id())
                .setShowtimeId(draft().getShowtimeId()).build()).getShowtime();
        var later = Timestamps.add(published.getStartsAt(), Durations.fromHours(48));
        events(owner).updateShowtime(UpdateShowtimeRequest.newBuilder().setRequestId(id())
                .setUpdateMask(FieldMask.newBuilder().addPaths("starts_at").addPaths("max_tickets_per_user"))
                .setShowtime(published.toBuilder().setStartsAt(later)).build());
        events(owner).updateShowtime(UpdateShowtimeRequest.newBuilder().setRequestId(id())
                .setUpdateMask(FieldMask.newBuilder().addPaths("starts_at").addPaths("transfers_closed"))
                .setShowtime(published.toBuilder().setStartsAt(later).setTransfersClosed(true)).build());
        List<ReceivedEvent> announced = announcementsOf(published.getShowtimeId(), 3);
        assertThat(announced.get(1).payload(ShowtimeChanged.parser()).getChangedFieldsList()).as("the end moved along, the limit as it was")
                .containsExactly("starts_at", "ends_at");
        assertThat(announced.get(2).payload(ShowtimeChanged.parser()).getChangedFieldsList()).as("the start named with its value")
                .containsExactly("transfers_closed");
    }

    @Test
    void aPublishedShowtimeEndsOnceItsEndHasPassed() {
        Showtime draft = draft();
        events(owner).publishShowtime(PublishShowtimeRequest.newBuilder().setRequestId(id()).setShowtimeId(draft.getShowtimeId()).build());
        dsl.execute("update showtimes set starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' where id = ?",
                UUID.fromString(draft.getShowtimeId()));
        assertThat(ender.endFinished()).isPositive();

        Showtime ended = events(null).getShowtime(GetShowtimeRequest.newBuilder().setShowtimeId(draft.getShowtimeId()).build()).getShowtime();
        assertThat(ended.getStatus()).isEqualTo(ShowtimeStatus.SHOWTIME_STATUS_ENDED);
        assertThat(failure(() -> events(owner).cancelShowtime(CancelShowtimeRequest.newBuilder().setRequestId(id())
                .setShowtimeId(draft.getShowtimeId()).build())).reason()).isEqualTo(ErrorReason.ERROR_REASON_INVALID_STATE);
        List<ReceivedEvent> announced = announcementsOf(draft.getShowtimeId(), 2);
        assertThat(announced.get(1).payload(ShowtimeChanged.parser()).getChangedFieldsList()).containsExactly("status");
    }

    @Test
    void aShowtimeIsSoldOutWhileTicketServiceSaysNothingIsLeftAndOnSaleWhenPlacesComeBack() {
        Showtime draft = draft();
        String showtimeId = draft.getShowtimeId();
        events(owner).publishShowtime(PublishShowtimeRequest.newBuilder().setRequestId(id()).setShowtimeId(showtimeId).build());
        soldOut(showtimeId, true, 1);
        Showtime soldOut = awaitStatus(showtimeId, ShowtimeStatus.SHOWTIME_STATUS_SOLD_OUT);
        assertThat(events(null).searchEvents(SearchEventsRequest.newBuilder().setQuery("Misanthrope")
                .addStatuses(ShowtimeStatus.SHOWTIME_STATUS_SOLD_OUT).build()).getHitsList())
                .flatExtracting(SearchHit::getShowtimesList).extracting(ShowtimeSummary::getShowtimeId)
                .as("found when sold-out showtimes are asked for").contains(showtimeId);
        soldOut(showtimeId, true, 1); // redelivered: nothing more
        soldOut(showtimeId, false, 2);
        Showtime back = awaitStatus(showtimeId, ShowtimeStatus.SHOWTIME_STATUS_ON_SALE);
        assertThat(back.getVersion()).isEqualTo(soldOut.getVersion() + 1);

        events(owner).cancelShowtime(CancelShowtimeRequest.newBuilder().setRequestId(id()).setShowtimeId(showtimeId).build());
        soldOut(showtimeId, true, 3);
        List<ReceivedEvent> announced = announcementsOf(showtimeId, 4);
        assertThat(announced).extracting(ReceivedEvent::type).containsExactly("ticketmesh.event.v1.ShowtimePublished",
                "ticketmesh.event.v1.ShowtimeChanged", "ticketmesh.event.v1.ShowtimeChanged", "ticketmesh.event.v1.ShowtimeCancelled");
        assertThat(announced.get(1).payload(ShowtimeChanged.parser()).getShowtime().getStatus()).isEqualTo(ShowtimeStatus.SHOWTIME_STATUS_SOLD_OUT);
        assertThat(announced.get(1).payload(ShowtimeChanged.parser()).getChangedFieldsList()).containsExactly("status");
        assertThat(announced.get(2).payload(ShowtimeChanged.parser()).getShowtime().getStatus()).isEqualTo(ShowtimeStatus.SHOWTIME_STATUS_ON_SALE);
        Showtime cancelled = events(owner).getShowtime(GetShowtimeRequest.newBuilder().setShowtimeId(showtimeId).build()).getShowtime();
        assertThat(cancelled.getStatus()).as("a late sold-out changes nothing once cancelled").isEqualTo(ShowtimeStatus.SHOWTIME_STATUS_CANCELLED);
    }

    /** ticket-service's word that the showtime has nothing left to sell, or places again; {@code n} keeps event ids apart. */
    private static void soldOut(String showtimeId, boolean soldOut, int n) {
        KafkaTestEvents.send("ticketmesh.inventory.sales", showtimeId, SoldOutChanged.newBuilder()
                .setMetadata(EventMetadata.newBuilder().setEventId(UUID.nameUUIDFromBytes((showtimeId + n).getBytes()).toString())
                        .setAggregateId(showtimeId).setAggregateVersion(n).setOccurredAt(Timestamps.fromMillis(System.currentTimeMillis())))
                .setShowtimeId(showtimeId).setSoldOut(soldOut).build());
    }

    private Showtime awaitStatus(String showtimeId, ShowtimeStatus wanted) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            Showtime showtime = events(null).getShowtime(GetShowtimeRequest.newBuilder().setShowtimeId(showtimeId).build()).getShowtime();
            if (showtime.getStatus() == wanted) {
                return showtime;
            }
            assertThat(System.currentTimeMillis()).as("showtime still " + showtime.getStatus()).isLessThan(deadline);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static List<ReceivedEvent> announcementsOf(String showtimeId, int expected) {
        return KafkaTestEvents.read(ShowtimeCatalog.TOPIC, showtimeId, expected);
    }
}
