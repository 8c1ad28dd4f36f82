package io.ticketmesh.event.domain;

import io.ticketmesh.event.persistence.SearchIndex;
import io.ticketmesh.event.persistence.VenueRepository;
import io.ticketmesh.platform.auth.CallerContext;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.idempotency.IdempotentRequests;
import io.ticketmesh.platform.paging.Cursor;
import io.ticketmesh.platform.paging.Page;
import io.ticketmesh.platform.validation.FieldMasks;
import io.ticketmesh.platform.validation.UpdateMasks;
import io.ticketmesh.proto.event.v1.CreateVenueRequest;
import io.ticketmesh.proto.event.v1.CreateVenueResponse;
import io.ticketmesh.proto.event.v1.GetVenueRequest;
import io.ticketmesh.proto.event.v1.GetVenueResponse;
import io.ticketmesh.proto.event.v1.ListVenuesRequest;
import io.ticketmesh.proto.event.v1.ListVenuesResponse;
import io.ticketmesh.proto.event.v1.UpdateVenueRequest;
import io.ticketmesh.proto.event.v1.UpdateVenueResponse;
import io.ticketmesh.proto.event.v1.Venue;
import io.ticketmesh.proto.event.v1.VenueView;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Venues: created by an organization's OWNERs after the whole seat map passes its rules, their details corrected
 * later (never their map or time zone); read by anyone.
 */
@Service
public class VenueCatalog {
    private static final int DEFAULT_PAGE = 50;

    private final VenueRepository venues;
    private final IdempotentRequests idempotent;
    private final SearchIndex search;

    public VenueCatalog(VenueRepository venues, IdempotentRequests idempotent, SearchIndex search) {
        this.venues = venues;
        this.idempotent = idempotent;
        this.search = search;
    }

    @Transactional
    public CreateVenueResponse create(CreateVenueRequest request) {
        CallerContext.current().requireOwner(request.getOrganizationId());
        return idempotent.once(request.getRequestId(), request, CreateVenueResponse.parser(), () -> {
            int capacity = SeatMapRules.check(request.getVenue());
            Venue stored = venues.insert(UUID.fromString(request.getOrganizationId()), request.getVenue(), capacity);
            return CreateVenueResponse.newBuilder().setVenue(stored).build();
        });
    }

    @Transactional
    public UpdateVenueResponse update(UpdateVenueRequest request) {
        UUID venueId = EventCatalog.parseId("venue.venue_id", request.getVenue().getVenueId());
        Venue current = venues.findBasicForUpdate(venueId).orElseThrow(() -> DomainException.notFound("venue", venueId.toString()));
        CallerContext.current().requireOwner(current.getOrganizationId());
        UpdateMasks.requireEditable(request.getUpdateMask(), Venue.getDescriptor(),
                "a seat map and time zone are fixed once drawn, another layout is another venue");
        return idempotent.once(request.getRequestId(), request, UpdateVenueResponse.parser(), () -> {
            Venue updated = venues.updateDetails(venueId, FieldMasks.overlay(current, request.getVenue(), request.getUpdateMask()));
            search.refreshVenue(venueId);
            return UpdateVenueResponse.newBuilder().setVenue(updated).build();
        });
    }

    @Transactional(readOnly = true)
    public GetVenueResponse get(GetVenueRequest request) {
        UUID venueId = UUID.fromString(request.getVenueId());
        Venue venue = (request.getView() == VenueView.VENUE_VIEW_BASIC ? venues.findBasic(venueId) : venues.find(venueId))
                .orElseThrow(() -> DomainException.notFound("venue", request.getVenueId()));
        return GetVenueResponse.newBuilder().setVenue(venue).build();
    }

    @Transactional(readOnly = true)
    public ListVenuesResponse list(ListVenuesRequest request) {
        int size = request.getPageSize() == 0 ? DEFAULT_PAGE : request.getPageSize();
        Cursor after = Cursor.parse(request);
        List<Venue> read = venues.list(UUID.fromString(request.getOrganizationId()), after, size + 1);
        var page = Page.of(read, size, row -> Cursor.of(row.getCreatedAt(), row.getVenueId()), request);
        return ListVenuesResponse.newBuilder().addAllVenues(page.rows()).setNextPageToken(page.nextToken()).build();
    }
}
