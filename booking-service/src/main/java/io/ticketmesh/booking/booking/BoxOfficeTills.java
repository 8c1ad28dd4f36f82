package io.ticketmesh.booking.booking;

import io.ticketmesh.booking.persistence.BoxOfficeTillRepository;
import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.auth.CallerContext;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.proto.booking.v1.BoxOfficeTill;
import io.ticketmesh.proto.booking.v1.GetBoxOfficeTillRequest;
import io.ticketmesh.proto.booking.v1.GetBoxOfficeTillResponse;
import io.ticketmesh.proto.booking.v1.TillLine;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * GetBoxOfficeTill: cashing up a staff member's till at the end of a shift. What they took is their box office sales
 * (the booking's user is its seller); what they handed back, the refunds of box office sales they cancelled (a
 * cancellation records who made it). A staff member reads their own; an OWNER anyone's of the organization.
 */
@Service
public class BoxOfficeTills {
    static final Duration LONGEST = Duration.ofDays(31);
    private static final Comparator<BoxOfficeTillRepository.Line> ORDER = Comparator
            .comparing((BoxOfficeTillRepository.Line line) -> BookingProtos.boxOfficePayment(line.payment()).getNumber())
            .thenComparing(BoxOfficeTillRepository.Line::currency);
    private final BoxOfficeTillRepository tills;

    public BoxOfficeTills(BoxOfficeTillRepository tills) {
        this.tills = tills;
    }

    public GetBoxOfficeTillResponse till(GetBoxOfficeTillRequest request) {
        Caller caller = CallerContext.authenticated();
        String staff = request.getStaffUserId().isEmpty() ? caller.userId() : request.getStaffUserId();
        if (staff.equals(caller.userId())) {
            caller.requireStaff(request.getOrganizationId());
        } else {
            caller.requireOwner(request.getOrganizationId());
        }
        OffsetDateTime from = StoredTime.of(request.getFrom());
        OffsetDateTime to = StoredTime.of(request.getTo());
        if (!to.isAfter(from) || Duration.between(from, to).compareTo(LONGEST) > 0) {
            throw DomainException.invalid("to", "must be after from, and at most " + LONGEST.toDays() + " days after it");
        }
        return GetBoxOfficeTillResponse.newBuilder().setTill(till(request.getOrganizationId(), staff, from, to).toBuilder()
                .setFrom(request.getFrom()).setTo(request.getTo())).build();
    }

    /** The staff member's till from {@code from} (inclusive) to {@code to}, a line a way of paying and currency, cash first. */
    BoxOfficeTill till(String organizationId, String staff, OffsetDateTime from, OffsetDateTime to) {
        BoxOfficeTill.Builder till = BoxOfficeTill.newBuilder().setOrganizationId(organizationId).setStaffUserId(staff)
                .setFrom(StoredTime.timestamp(from)).setTo(StoredTime.timestamp(to));
        tills.till(UUID.fromString(organizationId), staff, from, to).stream().sorted(ORDER).forEach(line -> till.addLines(
                TillLine.newBuilder().setPayment(BookingProtos.boxOfficePayment(line.payment())).setSales(line.sales())
                        .setTaken(BookingProtos.money(line.takenMinor(), line.currency())).setRefunds(line.refunds())
                        .setHandedBack(BookingProtos.money(line.handedBackMinor(), line.currency()))
                        .setNet(BookingProtos.money(line.takenMinor() - line.handedBackMinor(), line.currency()))));
        return till.build();
    }
}
