package io.ticketmesh.gateway.catalog;

import com.google.protobuf.FieldMask;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.ticketmesh.gateway.downstream.Downstream;
import io.ticketmesh.gateway.downstream.GrpcCalls;
import io.ticketmesh.gateway.downstream.Patches;
import io.ticketmesh.gateway.downstream.ProtoJson;
import io.ticketmesh.gateway.openapi.ProtoAnswer;
import io.ticketmesh.gateway.openapi.ProtoBody;
import io.ticketmesh.gateway.web.MutationRequestIds;
import io.ticketmesh.gateway.web.RestFieldNames;
import io.ticketmesh.platform.validation.FieldMasks;
import io.ticketmesh.proto.event.v1.CancelShowtimeRequest;
import io.ticketmesh.proto.event.v1.CreateEventRequest;
import io.ticketmesh.proto.event.v1.CreateShowtimeRequest;
import io.ticketmesh.proto.event.v1.Event;
import io.ticketmesh.proto.event.v1.GetEventRequest;
import io.ticketmesh.proto.event.v1.GetEventResponse;
import io.ticketmesh.proto.event.v1.GetShowtimeRequest;
import io.ticketmesh.proto.event.v1.GetShowtimeResponse;
import io.ticketmesh.proto.event.v1.PublishShowtimeRequest;
import io.ticketmesh.proto.event.v1.SearchEventsRequest;
import io.ticketmesh.proto.event.v1.SearchEventsResponse;
import io.ticketmesh.proto.event.v1.Showtime;
import io.ticketmesh.proto.event.v1.UpdateEventRequest;
import io.ticketmesh.proto.event.v1.UpdateShowtimeRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Events and showtimes (event-service's EventService). Bodies and answers are the contract's messages as JSON:
 * snake_case, enum values without their prefix (category THEATRE, status ON_SALE), money as
 * {amount_minor, currency}, times RFC 3339, durations like "5400s".
 */
@RestController
@Tag(name = "Catalog")
public class EventController {
    private static final String SERVICE = "event-service";
    /** The body is the request's event or showtime: {@code showtime.price_tiers[0].tier} is {@code price_tiers[0].tier}. */
    private static final Map<String, String> EVENT_BODY = Map.of("event", "");
    private static final Map<String, String> SHOWTIME_BODY = Map.of("showtime", "");
    private final Downstream downstream;
    private final GrpcCalls calls;
    private final ProtoJson json;

    public EventController(Downstream downstream, GrpcCalls calls, ProtoJson json) {
        this.downstream = downstream;
        this.calls = calls;
        this.json = json;
    }

    @PostMapping("/api/v1/organizations/{org_id}/events")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an event (OWNER): {title, description?, category, genre?, duration?, language?, age_rating?, image_urls?}",
            responses = {
                    @ApiResponse(responseCode = "201", description = "the event"),
                    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED naming the field"),
                    @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
                    @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED: not an OWNER of this organization")})
    @ProtoBody(value = Event.class, omit = {"event_id", "organization_id", "created_at", "updated_at"})
    @ProtoAnswer(Event.class)
    public JsonNode createEvent(@PathVariable("org_id") UUID organizationId, @RequestBody JsonNode body, HttpServletRequest http) {
        return json.toJson(RestFieldNames.renaming(EVENT_BODY, () -> {
            Event event = json.fromJson(ProtoJson.requireObject(body), Event.newBuilder()).build();
            CreateEventRequest request = CreateEventRequest.newBuilder().setRequestId(MutationRequestIds.of(http))
                    .setOrganizationId(organizationId.toString()).setEvent(event).build();
            return calls.idempotent(SERVICE, () -> downstream.events().createEvent(request)).getEvent();
        }));
    }

    @PostMapping("/api/v1/events/{event_id}/showtimes")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a showtime in DRAFT (OWNER): {venue_id, starts_at, ends_at?, price_tiers: [{tier, price: {amount_minor, currency}}], "
            + "sales_start?, sales_end?, max_tickets_per_user?, transfers_closed?, customer_refunds_end?, customer_refund_steps?} "
            + "(transfers_closed: its tickets may not be given to another customer; customer_refunds_end: until when customers may "
            + "cancel for a refund, by default until starts_at, a time past making sales final; customer_refund_steps: [{before_start: "
            + "\"172800s\", percent: 50}], up to 5, the share of the refund a customer's own cancellation gets once less than "
            + "before_start is left until the show, all of it before the first)", responses = {
            @ApiResponse(responseCode = "201", description = "the showtime in DRAFT"),
            @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: e.g. a tier in use without a price, a start in the past"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
            @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED"),
            @ApiResponse(responseCode = "404", description = "NOT_FOUND: no such event")})
    @ProtoBody(value = Showtime.class,
            omit = {"showtime_id", "organization_id", "timezone", "status", "published_at", "created_at", "updated_at",
                    "venue_revision", "version"})
    @ProtoAnswer(Showtime.class)
    public JsonNode createShowtime(@PathVariable("event_id") UUID eventId, @RequestBody JsonNode body, HttpServletRequest http) {
        return json.toJson(RestFieldNames.renaming(SHOWTIME_BODY, () -> {
            Showtime showtime = json.fromJson(ProtoJson.requireObject(body), Showtime.newBuilder()).build();
            CreateShowtimeRequest request = CreateShowtimeRequest.newBuilder().setRequestId(MutationRequestIds.of(http))
                    .setEventId(eventId.toString()).setShowtime(showtime).build();
            return calls.idempotent(SERVICE, () -> downstream.events().createShowtime(request)).getShowtime();
        }));
    }

    @PatchMapping("/api/v1/showtimes/{showtime_id}")
    @Operation(summary = "Change a showtime (OWNER): the fields present in the body (venue_id, starts_at, ends_at, sales_start, sales_end, "
            + "max_tickets_per_user, price_tiers, transfers_closed, customer_refunds_end, customer_refund_steps). Once published: no other venue, no other currency, no tier in use "
            + "without a price; transfers open or close at any time.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "the showtime"),
                    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED naming the field"),
                    @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
                    @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED"),
                    @ApiResponse(responseCode = "404", description = "NOT_FOUND"),
                    @ApiResponse(responseCode = "409", description = "CHANGE_BREAKS_SALES, or INVALID_STATE when cancelled or ended")})
    @ProtoBody(value = Showtime.class, editableOnly = true)
    @ProtoAnswer(Showtime.class)
    public JsonNode updateShowtime(@PathVariable("showtime_id") UUID showtimeId, @RequestBody JsonNode body, HttpServletRequest http) {
        Showtime changes = json.fromJson(ProtoJson.requireObject(body), Showtime.newBuilder()).build();
        FieldMask mask = Patches.mask(body);
        Showtime current = calls.idempotent(SERVICE, () -> downstream.events()
                .getShowtime(GetShowtimeRequest.newBuilder().setShowtimeId(showtimeId.toString()).build())).getShowtime();
        UpdateShowtimeRequest request = UpdateShowtimeRequest.newBuilder().setRequestId(MutationRequestIds.of(http))
                .setShowtime(FieldMasks.overlay(current, changes, mask).toBuilder().setShowtimeId(showtimeId.toString())).setUpdateMask(mask).build();
        return json.toJson(RestFieldNames.renaming(SHOWTIME_BODY,
                () -> calls.idempotent(SERVICE, () -> downstream.events().updateShowtime(request)).getShowtime()));
    }

    @PatchMapping("/api/v1/events/{event_id}")
    @Operation(summary = "Change an event (OWNER): the fields present in the body (title, description, category, genre, duration, "
            + "language, age_rating, image_urls); search finds it by its new words at once.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "the event"),
                    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED naming the field, or a field that cannot change"),
                    @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
                    @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED: not an OWNER of the event's organization"),
                    @ApiResponse(responseCode = "404", description = "NOT_FOUND")})
    @ProtoBody(value = Event.class, editableOnly = true)
    @ProtoAnswer(Event.class)
    public JsonNode updateEvent(@PathVariable("event_id") UUID eventId, @RequestBody JsonNode body, HttpServletRequest http) {
        return json.toJson(RestFieldNames.renaming(EVENT_BODY, () -> {
            Event changes = json.fromJson(ProtoJson.requireObject(body), Event.newBuilder()).build();
            FieldMask mask = Patches.mask(body);
            Event current = calls.idempotent(SERVICE, () -> downstream.events()
                    .getEvent(GetEventRequest.newBuilder().setEventId(eventId.toString()).build())).getEvent();
            UpdateEventRequest request = UpdateEventRequest.newBuilder().setRequestId(MutationRequestIds.of(http))
                    .setEvent(FieldMasks.overlay(current, changes, mask).toBuilder().setEventId(eventId.toString())).setUpdateMask(mask).build();
            return calls.idempotent(SERVICE, () -> downstream.events().updateEvent(request)).getEvent();
        }));
    }

    @PostMapping("/api/v1/showtimes/{showtime_id}/publish")
    @Operation(summary = "Put a showtime on sale (OWNER); its seats become holdable shortly after. Publishing again changes nothing.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "the showtime, ON_SALE"),
                    @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
                    @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED"),
                    @ApiResponse(responseCode = "404", description = "NOT_FOUND"),
                    @ApiResponse(responseCode = "409", description = "INVALID_STATE: cancelled or ended")})
    @ProtoAnswer(Showtime.class)
    public JsonNode publish(@PathVariable("showtime_id") UUID showtimeId, HttpServletRequest http) {
        PublishShowtimeRequest request = PublishShowtimeRequest.newBuilder().setRequestId(MutationRequestIds.of(http))
                .setShowtimeId(showtimeId.toString()).build();
        return json.toJson(calls.idempotent(SERVICE, () -> downstream.events().publishShowtime(request)).getShowtime());
    }

    @PostMapping("/api/v1/showtimes/{showtime_id}/cancel")
    @Operation(summary = "Cancel a showtime (OWNER), optional body {reason}; bookings are refunded. Cancelling again changes nothing.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "the showtime, CANCELLED"),
                    @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
                    @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED"),
                    @ApiResponse(responseCode = "404", description = "NOT_FOUND"),
                    @ApiResponse(responseCode = "409", description = "INVALID_STATE: already ended")})
    @ProtoBody(CancelShowtimeRequest.class)
    @ProtoAnswer(Showtime.class)
    public JsonNode cancel(@PathVariable("showtime_id") UUID showtimeId, @RequestBody(required = false) JsonNode body,
                           HttpServletRequest http) {
        CancelShowtimeRequest.Builder given = body == null ? CancelShowtimeRequest.newBuilder()
                : json.fromJson(ProtoJson.requireObject(body), CancelShowtimeRequest.newBuilder());
        CancelShowtimeRequest request = given.setRequestId(MutationRequestIds.of(http)).setShowtimeId(showtimeId.toString())
                .build();
        return json.toJson(calls.idempotent(SERVICE, () -> downstream.events().cancelShowtime(request)).getShowtime());
    }

    @GetMapping("/api/v1/events/{event_id}")
    @Operation(summary = "An event with its upcoming showtimes", responses = {
            @ApiResponse(responseCode = "200", description = "the event, and upcoming_showtimes: [ShowtimeSummary]"),
            @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: not an id"),
            @ApiResponse(responseCode = "404", description = "NOT_FOUND")})
    @ProtoAnswer(value = Event.class, withFrom = GetEventResponse.class, with = "upcoming_showtimes")
    public JsonNode event(@PathVariable("event_id") UUID eventId) {
        var response = calls.idempotent(SERVICE, () -> downstream.events().getEvent(GetEventRequest.newBuilder().setEventId(eventId.toString()).build()));
        ObjectNode event = (ObjectNode) json.toJson(response.getEvent());
        event.set("upcoming_showtimes", json.toJson(response).path("upcoming_showtimes"));
        return event;
    }

    @GetMapping("/api/v1/showtimes/{showtime_id}")
    @Operation(summary = "A showtime with its event, venue name and city; status DRAFT (only for the organization's members), "
            + "ON_SALE, SOLD_OUT (nothing left to sell, within a second or so of the last sale; ON_SALE again when places come "
            + "back), CANCELLED or ENDED", responses = {
            @ApiResponse(responseCode = "200", description = "the showtime, and event (the Event), venue_name and city"),
            @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: not an id"),
            @ApiResponse(responseCode = "404", description = "NOT_FOUND")})
    @ProtoAnswer(value = Showtime.class, withFrom = GetShowtimeResponse.class, with = {"event", "venue_name", "city"})
    public JsonNode showtime(@PathVariable("showtime_id") UUID showtimeId) {
        var response = calls.idempotent(SERVICE, () -> downstream.events().getShowtime(GetShowtimeRequest.newBuilder().setShowtimeId(showtimeId.toString()).build()));
        ObjectNode showtime = (ObjectNode) json.toJson(response.getShowtime());
        showtime.set("event", json.toJson(response.getEvent()));
        showtime.put("venue_name", response.getVenueName());
        showtime.put("city", response.getCity());
        return showtime;
    }

    @GetMapping("/api/v1/events")
    @Operation(summary = "Search events: ranked by relevance when q has words (a title word counts most, then venue and city, genre, "
            + "description), soonest first without. Only ON_SALE showtimes unless status says otherwise. q takes web-search syntax "
            + "(\"a phrase\", or, -word); category and status repeat or take commas; from/to are RFC 3339 or dates; prices in minor units",
            responses = {
                    @ApiResponse(responseCode = "200", description = "{hits: [{event, showtimes, score}], next_page_token}"),
                    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED naming each bad parameter")})
    @ProtoAnswer(SearchEventsResponse.class)
    public JsonNode search(@RequestParam(name = "q", defaultValue = "") String query,
                           @RequestParam(name = "city", defaultValue = "") String city,
                           @RequestParam(name = "category", defaultValue = "") List<String> categories,
                           @RequestParam(name = "from", defaultValue = "") String from,
                           @RequestParam(name = "to", defaultValue = "") String to,
                           @RequestParam(name = "min_price_minor", defaultValue = "0") long minPriceMinor,
                           @RequestParam(name = "max_price_minor", defaultValue = "0") long maxPriceMinor,
                           @RequestParam(name = "status", defaultValue = "") List<String> statuses,
                           @RequestParam(name = "page_size", defaultValue = "0") int pageSize,
                           @RequestParam(name = "page_token", defaultValue = "") String pageToken) {
        SearchEventsRequest request = SearchParameters.parse(new SearchParameters.Raw(query, city, categories, from, to,
                minPriceMinor, maxPriceMinor, statuses, pageSize, pageToken));
        return json.toJson(calls.idempotent(SERVICE, () -> downstream.events().searchEvents(request)));
    }
}
