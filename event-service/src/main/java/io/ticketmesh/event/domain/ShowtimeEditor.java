package io.ticketmesh.event.domain;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.util.Timestamps;
import io.ticketmesh.event.persistence.SearchIndex;
import io.ticketmesh.event.persistence.ShowtimeRepository;
import io.ticketmesh.event.persistence.VenueRepository.VenueFacts;
import io.ticketmesh.event.persistence.VenueRepository;
import io.ticketmesh.platform.auth.CallerContext;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.ErrorDetail;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.platform.idempotency.IdempotentRequests;
import io.ticketmesh.platform.outbox.EventMetadatas;
import io.ticketmesh.platform.outbox.Outbox;
import io.ticketmesh.platform.validation.FieldMasks;
import io.ticketmesh.platform.validation.UpdateMasks;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.event.v1.PriceTier;
import io.ticketmesh.proto.event.v1.Showtime;
import io.ticketmesh.proto.event.v1.ShowtimeChanged;
import io.ticketmesh.proto.event.v1.ShowtimeStatus;
import io.ticketmesh.proto.event.v1.UpdateShowtimeRequest;
import io.ticketmesh.proto.event.v1.UpdateShowtimeResponse;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * UpdateShowtime. A draft may change in every editable field. A published showtime may be rescheduled, get another
 * sales window or ticket limit, and new prices (ticket-service applies them to seats not yet sold, on
 * ShowtimeChanged); what would break tickets already sold is refused with CHANGE_BREAKS_SALES: another venue, another
 * currency, or a tier the venue's seats use losing its price. Moving the start without giving an end keeps the length.
 */
@Service
public class ShowtimeEditor {
    private final ShowtimeRepository showtimes;
    private final VenueRepository venues;
    private final IdempotentRequests idempotent;
    private final Outbox outbox;
    private final SearchIndex search;
    private final Clock clock = Clock.systemUTC();

    public ShowtimeEditor(ShowtimeRepository showtimes, VenueRepository venues, IdempotentRequests idempotent, Outbox outbox,
                          SearchIndex search) {
        this.showtimes = showtimes;
        this.venues = venues;
        this.idempotent = idempotent;
        this.outbox = outbox;
        this.search = search;
    }

    @Transactional
    public UpdateShowtimeResponse update(UpdateShowtimeRequest request) {
        UUID id = EventCatalog.parseId("showtime.showtime_id", request.getShowtime().getShowtimeId());
        Showtime current = showtimes.findForUpdate(id).orElseThrow(() -> DomainException.notFound("showtime", id.toString()));
        CallerContext.current().requireOwner(current.getOrganizationId());
        UpdateMasks.requireEditable(request.getUpdateMask(), Showtime.getDescriptor(), "");
        return idempotent.once(request.getRequestId(), request, UpdateShowtimeResponse.parser(), () -> {
            if (current.getStatus() == ShowtimeStatus.SHOWTIME_STATUS_CANCELLED || current.getStatus() == ShowtimeStatus.SHOWTIME_STATUS_ENDED) {
                throw DomainException.invalidState("a " + current.getStatus().name().substring(16).toLowerCase() + " showtime cannot be changed");
            }
            Showtime wanted = merged(current, request);
            VenueFacts venue = venues.facts(EventCatalog.parseId("showtime.venue_id", wanted.getVenueId()))
                    .orElseThrow(() -> DomainException.invalid("showtime.venue_id", "no such venue"));
            boolean published = current.getStatus() != ShowtimeStatus.SHOWTIME_STATUS_DRAFT;
            if (published) {
                refuseWhatBreaksSales(current, wanted, venue);
            }
            ShowtimeRules.check(wanted, venue, current.getOrganizationId(), clock.instant());
            Showtime updated = showtimes.update(id, wanted.toBuilder().setTimezone(venue.timezone()).build());
            search.refreshShowtime(id);
            if (published) {
                outbox.append(ShowtimeCatalog.TOPIC, ShowtimeChanged.newBuilder()
                        .setMetadata(EventMetadatas.next(updated.getShowtimeId(), updated.getVersion()))
                        .setShowtime(updated).addAllChangedFields(changedFields(current, updated)).build());
            }
            return UpdateShowtimeResponse.newBuilder().setShowtime(updated).build();
        });
    }

    private static Showtime merged(Showtime current, UpdateShowtimeRequest request) {
        Showtime.Builder merged = FieldMasks.overlay(current, request.getShowtime(), request.getUpdateMask()).toBuilder();
        var paths = request.getUpdateMask().getPathsList();
        if (paths.contains("starts_at") && !paths.contains("ends_at")) {
            merged.setEndsAt(Timestamps.add(merged.getStartsAt(), Timestamps.between(current.getStartsAt(), current.getEndsAt())));
        }
        return merged.setMaxTicketsPerUser(ShowtimeCatalog.maxTicketsPerUser(merged)).build();
    }

    /**
     * The editable fields whose value the update changed, in the contract's order: not those it named with the value
     * they had (a client sending a whole form), and ends_at when moving the start moved it along.
     */
    private static List<String> changedFields(Showtime current, Showtime updated) {
        return Showtime.getDescriptor().getFields().stream().filter(UpdateMasks::isEditable)
                .filter(field -> !current.getField(field).equals(updated.getField(field))).map(FieldDescriptor::getName).toList();
    }

    private static void refuseWhatBreaksSales(Showtime current, Showtime wanted, VenueFacts venue) {
        if (!wanted.getVenueId().equals(current.getVenueId())) {
            throw breaksSales("a published showtime cannot move to another venue; cancel it and create a new one");
        }
        String currency = current.getPriceTiers(0).getPrice().getCurrency();
        if (wanted.getPriceTiersList().stream().anyMatch(t -> !t.getPrice().getCurrency().equals(currency))) {
            throw breaksSales("a published showtime keeps its currency " + currency);
        }
        Set<String> kept = wanted.getPriceTiersList().stream().map(PriceTier::getTier).collect(Collectors.toSet());
        Set<String> dropped = venue.tiersInUse().stream().filter(t -> !kept.contains(t)).collect(Collectors.toCollection(TreeSet::new));
        if (!dropped.isEmpty()) {
            throw breaksSales("tiers " + dropped + " are used by the venue's seats and cannot lose their price")
                    .with(ErrorDetail.TIERS, dropped);
        }
    }

    private static DomainException breaksSales(String message) {
        return new DomainException(FailureKind.FAILED_PRECONDITION, ErrorReason.ERROR_REASON_CHANGE_BREAKS_SALES, message);
    }
}
