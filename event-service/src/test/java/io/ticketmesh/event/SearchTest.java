package io.ticketmesh.event;

import static io.ticketmesh.platform.testing.GrpcTestCalls.as;
import static io.ticketmesh.platform.testing.GrpcTestCalls.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import io.grpc.Status;
import io.ticketmesh.platform.error.RemoteError;
import io.ticketmesh.proto.common.v1.Money;
import io.ticketmesh.proto.event.v1.CancelShowtimeRequest;
import io.ticketmesh.proto.event.v1.CreateEventRequest;
import io.ticketmesh.proto.event.v1.CreateShowtimeRequest;
import io.ticketmesh.proto.event.v1.CreateVenueRequest;
import io.ticketmesh.proto.event.v1.Event;
import io.ticketmesh.proto.event.v1.EventCategory;
import io.ticketmesh.proto.event.v1.EventServiceGrpc;
import io.ticketmesh.proto.event.v1.PriceTier;
import io.ticketmesh.proto.event.v1.PublishShowtimeRequest;
import io.ticketmesh.proto.event.v1.SearchEventsRequest;
import io.ticketmesh.proto.event.v1.SearchEventsResponse;
import io.ticketmesh.proto.event.v1.SearchHit;
import io.ticketmesh.proto.event.v1.SeatMap;
import io.ticketmesh.proto.event.v1.Section;
import io.ticketmesh.proto.event.v1.SectionKind;
import io.ticketmesh.proto.event.v1.Showtime;
import io.ticketmesh.proto.event.v1.ShowtimeStatus;
import io.ticketmesh.proto.event.v1.UpdateEventRequest;
import io.ticketmesh.proto.event.v1.Venue;
import io.ticketmesh.proto.event.v1.VenueServiceGrpc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SearchEvents: relevance (what a person expects first), filters and keyset paging. Each test works in a city of
 * its own, so the catalog other tests leave behind never shows up in its results.
 */
class SearchTest extends EventServiceTestBase {
    private final String org = UUID.randomUUID().toString();
    private final String owner = TOKENS.member(UUID.randomUUID().toString(), Map.of(org, "OWNER"));
    private final String city = "Vill" + randomLetters();
    private String venueId;

    @BeforeEach
    void venueInTheTestsOwnCity() {
        venueId = venue("Globe Playhouse", city);
    }

    private static String randomLetters() {
        StringBuilder letters = new StringBuilder();
        ThreadLocalRandom.current().ints(8, 'a', 'z' + 1).forEach(c -> letters.append((char) c));
        return letters.toString();
    }

    private EventServiceGrpc.EventServiceBlockingStub events(String token) {
        return as(EventServiceGrpc.newBlockingStub(CHANNEL), token);
    }

    private String venue(String name, String inCity) {
        Venue venue = Venue.newBuilder().setName(name).setCity(inCity).setTimezone("Europe/London")
                .setSeatMap(SeatMap.newBuilder().addSections(Section.newBuilder().setName("Floor")
                        .setKind(SectionKind.SECTION_KIND_STANDING).setCapacity(100).setDefaultTier("A"))).build();
        return as(VenueServiceGrpc.newBlockingStub(CHANNEL), owner).createVenue(CreateVenueRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString()).setOrganizationId(org).setVenue(venue).build()).getVenue().getVenueId();
    }

    private Event event(String title, String description, EventCategory category) {
        return events(owner).createEvent(CreateEventRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setOrganizationId(org)
                .setEvent(Event.newBuilder().setTitle(title).setDescription(description).setCategory(category)).build()).getEvent();
    }

    private static Timestamp inDays(int days) {
        return Timestamps.fromMillis(System.currentTimeMillis() + Duration.ofDays(days).toMillis());
    }

    private Showtime showtime(Event event, String venue, int inDays, long priceMinor, boolean publish) {
        Showtime draft = events(owner).createShowtime(CreateShowtimeRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setEventId(event.getEventId()).setShowtime(Showtime.newBuilder().setVenueId(venue).setStartsAt(inDays(inDays))
                        .addPriceTiers(PriceTier.newBuilder().setTier("A")
                                .setPrice(Money.newBuilder().setAmountMinor(priceMinor).setCurrency("GBP")))).build()).getShowtime();
        if (!publish) {
            return draft;
        }
        return events(owner).publishShowtime(PublishShowtimeRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setShowtimeId(draft.getShowtimeId()).build()).getShowtime();
    }

    private Event onSale(String title, String description, EventCategory category) {
        Event event = event(title, description, category);
        showtime(event, venueId, 10, 2500, true);
        return event;
    }

    private SearchEventsResponse search(SearchEventsRequest.Builder request) {
        return events(null).searchEvents(request.setCity(city).build());
    }

    private List<String> titles(SearchEventsRequest.Builder request) {
        return search(request).getHitsList().stream().map(h -> h.getEvent().getTitle()).toList();
    }

    private static SearchEventsRequest.Builder query(String words) {
        return SearchEventsRequest.newBuilder().setQuery(words);
    }

    @Test
    void aTitleMatchComesBeforeAMentionInTheDescription() {
        onSale("Shakespeare Evening", "Scenes from Hamlet, Macbeth and The Tempest, read by the company.", EventCategory.EVENT_CATEGORY_THEATRE);
        onSale("Hamlet", "The Prince of Denmark returns.", EventCategory.EVENT_CATEGORY_THEATRE);
        onSale("Macbeth", "A Scottish play.", EventCategory.EVENT_CATEGORY_THEATRE);

        assertThat(titles(query("hamlet"))).containsExactly("Hamlet", "Shakespeare Evening");
        assertThat(titles(query("Hamlet Macbeth"))).as("every word must match").containsExactly("Shakespeare Evening");
        assertThat(titles(query("hamlet or macbeth")).getFirst()).isIn("Hamlet", "Macbeth");
        assertThat(titles(query("hamlet -tempest"))).containsExactly("Hamlet");
    }

    @Test
    void wordsAreMatchedByTheirStemAndAShortExactTitleBeatsALongOne() {
        onSale("The Nutcracker: a Christmas Dance Spectacular for the Whole Family", "", EventCategory.EVENT_CATEGORY_DANCE);
        onSale("Dance", "", EventCategory.EVENT_CATEGORY_DANCE);

        assertThat(titles(query("dancing"))).containsExactly("Dance", "The Nutcracker: a Christmas Dance Spectacular for the Whole Family");
    }

    @Test
    void theVenueAndCityAreSearchedAndTheHitShowsWhereWhenAndHowMuch() {
        String otherCity = "Vill" + randomLetters();
        Event gala = event("Opera Gala", "Arias.", EventCategory.EVENT_CATEGORY_OPERA);
        Showtime inVenue = showtime(gala, venueId, 5, 4000, true);
        showtime(gala, venue("Corn Exchange", otherCity), 6, 1500, true);

        SearchHit hit = events(null).searchEvents(SearchEventsRequest.newBuilder().setQuery("globe playhouse " + city).build()).getHits(0);
        assertThat(hit.getEvent().getTitle()).isEqualTo("Opera Gala");
        assertThat(hit.getShowtimesList()).singleElement().satisfies(s -> {
            assertThat(s.getShowtimeId()).isEqualTo(inVenue.getShowtimeId());
            assertThat(s.getVenueName()).isEqualTo("Globe Playhouse");
            assertThat(s.getCity()).isEqualTo(city);
            assertThat(s.getMinPrice().getAmountMinor()).isEqualTo(4000);
            assertThat(s.getMaxPrice().getCurrency()).isEqualTo("GBP");
        });
        assertThat(hit.getScore()).isPositive();
        assertThat(events(null).searchEvents(SearchEventsRequest.newBuilder().setCity(otherCity.toUpperCase()).build()).getHitsList())
                .as("the city filter ignores case").singleElement().satisfies(h -> assertThat(h.getShowtimesCount()).isEqualTo(1));
    }

    @Test
    void filtersNarrowByCategoryDateAndPrice() {
        Event comedy = event("Stand-up Night", "", EventCategory.EVENT_CATEGORY_COMEDY);
        showtime(comedy, venueId, 3, 1000, true);
        Event concert = event("Late Concert", "", EventCategory.EVENT_CATEGORY_CONCERT);
        showtime(concert, venueId, 40, 6000, true);

        assertThat(titles(query("").addCategories(EventCategory.EVENT_CATEGORY_CONCERT))).containsExactly("Late Concert");
        assertThat(titles(query("").setFrom(inDays(20)))).containsExactly("Late Concert");
        assertThat(titles(query("").setTo(inDays(20)))).containsExactly("Stand-up Night");
        assertThat(titles(query("").setMinPriceMinor(2000))).containsExactly("Late Concert");
        assertThat(titles(query("").setMaxPriceMinor(2000))).containsExactly("Stand-up Night");
        assertThat(titles(query("").setMinPriceMinor(500).setMaxPriceMinor(7000))).containsExactly("Stand-up Night", "Late Concert");
        assertThat(titles(query("night"))).containsExactly("Stand-up Night");
    }

    @Test
    void onlyShowtimesOnSaleAreFoundUnlessOtherPublicStatusesAreAskedFor() {
        Event drafted = event("Secret Premiere", "", EventCategory.EVENT_CATEGORY_CINEMA);
        showtime(drafted, venueId, 8, 900, false);
        Event called = event("Called Off Recital", "", EventCategory.EVENT_CATEGORY_CONCERT);
        Showtime cancelled = showtime(called, venueId, 9, 900, true);
        events(owner).cancelShowtime(CancelShowtimeRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setShowtimeId(cancelled.getShowtimeId()).build());
        onSale("Open Rehearsal", "", EventCategory.EVENT_CATEGORY_CONCERT);

        assertThat(titles(query(""))).containsExactly("Open Rehearsal");
        assertThat(titles(query("").addStatuses(ShowtimeStatus.SHOWTIME_STATUS_CANCELLED))).containsExactly("Called Off Recital");
        RemoteError drafts = failure(() -> search(query("").addStatuses(ShowtimeStatus.SHOWTIME_STATUS_DRAFT)));
        assertThat(drafts.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void aRenamedEventIsFoundByItsNewTitle() {
        Event event = onSale("Working Title", "", EventCategory.EVENT_CATEGORY_THEATRE);
        events(owner).updateEvent(UpdateEventRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setEvent(event.toBuilder().setTitle("Twelfth Night")).setUpdateMask(FieldMask.newBuilder().addPaths("title")).build());

        assertThat(titles(query("twelfth"))).containsExactly("Twelfth Night");
        assertThat(titles(query("working"))).isEmpty();
    }

    @Test
    void pagesCoverEveryHitOnceInBothOrders() {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Event event = event("Matinee " + (char) ('A' + i), "", EventCategory.EVENT_CATEGORY_FAMILY);
            showtime(event, venueId, 20 - i, 1000, true);
            showtime(event, venueId, 30 + i, 1000, true);
            expected.add(event.getTitle());
        }
        for (int i = 0; i < 4; i++) {
            Event event = event("Afternoon Show " + i, "A matinee for all ages.", EventCategory.EVENT_CATEGORY_FAMILY);
            showtime(event, venueId, 15 + i, 1000, true);
            expected.add(event.getTitle());
        }
        for (String words : List.of("", "matinee")) {
            List<String> seen = new ArrayList<>();
            String token = "";
            do {
                SearchEventsResponse page = search(query(words).setPageSize(3).setPageToken(token));
                assertThat(page.getHitsCount()).isLessThanOrEqualTo(3);
                page.getHitsList().forEach(h -> seen.add(h.getEvent().getTitle()));
                token = page.getNextPageToken();
            } while (!token.isEmpty());
            assertThat(seen).as("pages of \"%s\"", words).containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(titles(query("")).getFirst()).as("browsing lists the soonest first").isEqualTo("Matinee G");
        List<String> ranked = titles(query("matinee"));
        assertThat(ranked.subList(0, 7)).as("title matches first").allMatch(t -> t.startsWith("Matinee "));
        assertThat(ranked.subList(7, 11)).as("then description matches, soonest first")
                .containsExactly("Afternoon Show 0", "Afternoon Show 1", "Afternoon Show 2", "Afternoon Show 3");
    }

    @Test
    void badFiltersAndForeignTokensAreRefusedWithTheField() {
        RemoteError backwards = failure(() -> search(query("").setFrom(inDays(5)).setTo(inDays(2))));
        assertThat(backwards.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(backwards.violations()).extracting(v -> v.field()).containsExactly("to");

        RemoteError prices = failure(() -> search(query("").setMinPriceMinor(500).setMaxPriceMinor(100)));
        assertThat(prices.violations()).extracting(v -> v.field()).containsExactly("max_price_minor");

        for (int i = 0; i < 3; i++) {
            onSale("Encore " + i, "", EventCategory.EVENT_CATEGORY_CONCERT);
        }
        String browsingToken = search(query("").setPageSize(1)).getNextPageToken();
        RemoteError mixed = failure(() -> search(query("encore").setPageToken(browsingToken)));
        assertThat(mixed.violations()).extracting(v -> v.field()).containsExactly("page_token");
        RemoteError garbage = failure(() -> search(query("").setPageToken("not-a-token")));
        assertThat(garbage.violations()).extracting(v -> v.field()).containsExactly("page_token");
    }

    @Test
    void onlyStopWordsBrowseInsteadOfFindingNothing() {
        onSale("Brief Encounter", "", EventCategory.EVENT_CATEGORY_CINEMA);
        assertThat(titles(query("the and of"))).containsExactly("Brief Encounter");
    }
}
