package io.ticketmesh.booking.booking;

import io.ticketmesh.booking.persistence.TillShiftRepository;
import io.ticketmesh.booking.persistence.jooq.tables.records.TillShiftsRecord;
import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.auth.CallerContext;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.ErrorDetail;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.platform.idempotency.IdempotentRequests;
import io.ticketmesh.platform.paging.Cursor;
import io.ticketmesh.platform.paging.Page;
import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.proto.booking.v1.BoxOfficePayment;
import io.ticketmesh.proto.booking.v1.BoxOfficeTill;
import io.ticketmesh.proto.booking.v1.CloseTillShiftRequest;
import io.ticketmesh.proto.booking.v1.CloseTillShiftResponse;
import io.ticketmesh.proto.booking.v1.GetTillShiftRequest;
import io.ticketmesh.proto.booking.v1.GetTillShiftResponse;
import io.ticketmesh.proto.booking.v1.ListTillShiftsRequest;
import io.ticketmesh.proto.booking.v1.ListTillShiftsResponse;
import io.ticketmesh.proto.booking.v1.OpenTillShiftRequest;
import io.ticketmesh.proto.booking.v1.OpenTillShiftResponse;
import io.ticketmesh.proto.booking.v1.TillShift;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.common.v1.Money;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A staff member's shift at the box office (OpenTillShift, CloseTillShift, GetTillShift): their till opened with a
 * float, then counted against what it should hold, the float and the cash of their till over the shift
 * ({@link BoxOfficeTills}); ListTillShifts pages through an organization's. Sales and refunds at the counter need no
 * open shift: a shift frames the count.
 */
@Service
public class TillShifts {
    private final TillShiftRepository shifts;
    private final BoxOfficeTills tills;
    private final IdempotentRequests idempotent;
    private final TransactionTemplate transaction;

    public TillShifts(TillShiftRepository shifts, BoxOfficeTills tills, IdempotentRequests idempotent, TransactionTemplate transaction) {
        this.shifts = shifts;
        this.tills = tills;
        this.idempotent = idempotent;
        this.transaction = transaction;
    }

    public OpenTillShiftResponse open(OpenTillShiftRequest request) {
        Caller caller = CallerContext.authenticated();
        caller.requireStaff(request.getOrganizationId());
        UUID organization = UUID.fromString(request.getOrganizationId());
        Money opening = request.getOpeningFloat();
        return transaction.execute(status -> idempotent.once(request.getRequestId(), request, OpenTillShiftResponse.parser(), () -> {
            TillShiftsRecord shift = shifts.open(organization, caller.userId(), opening.getCurrency(), opening.getAmountMinor(), StoredTime.now())
                    .orElseThrow(() -> alreadyOpen(organization, caller.userId()));
            return OpenTillShiftResponse.newBuilder().setShift(view(shift)).build();
        }));
    }

    public CloseTillShiftResponse close(CloseTillShiftRequest request) {
        Caller caller = CallerContext.authenticated();
        TillShiftsRecord found = readable(request.getShiftId(), caller);
        if (!request.getCountedCash().getCurrency().equals(found.getCurrency())) {
            throw DomainException.invalid("counted_cash.currency", "must be the float's currency, " + found.getCurrency());
        }
        return transaction.execute(status -> idempotent.once(request.getRequestId(), request, CloseTillShiftResponse.parser(), () -> {
            TillShiftsRecord shift = shifts.findForUpdate(found.getId()).orElseThrow();
            if (shift.getClosedAt() != null) {
                throw DomainException.invalidState("the shift was closed already, at " + shift.getClosedAt());
            }
            OffsetDateTime now = StoredTime.now();
            shift.setClosedAt(now);
            shift.setClosedBy(caller.userId());
            shift.setCountedCashMinor(request.getCountedCash().getAmountMinor());
            shift.setExpectedCashMinor(expectedCash(shift, tillOf(shift)));
            shift.setNote(request.getNote().isBlank() ? null : request.getNote().strip());
            shift.update();
            return CloseTillShiftResponse.newBuilder().setShift(view(shift)).build();
        }));
    }

    public GetTillShiftResponse get(GetTillShiftRequest request) {
        return GetTillShiftResponse.newBuilder().setShift(view(readable(request.getShiftId(), CallerContext.authenticated()))).build();
    }

    public ListTillShiftsResponse list(ListTillShiftsRequest request) {
        Caller caller = CallerContext.authenticated();
        String organization = request.getOrganizationId();
        String staff = request.getStaffUserId().isEmpty() ? null : request.getStaffUserId();
        if (staff != null && !staff.equals(caller.userId())) {
            caller.requireOwner(organization);
        } else if (!caller.isOwnerOf(organization)) {
            caller.requireStaff(organization);
            staff = caller.userId();
        }
        int size = request.getPageSize() == 0 ? 20 : request.getPageSize();
        List<TillShiftsRecord> read = shifts.ofOrganization(UUID.fromString(organization), staff, request.getOpenOnly(),
                Cursor.parse(request), size + 1);
        Page<TillShiftsRecord> page = Page.of(read, size, shift -> Cursor.of(shift.getOpenedAt(), shift.getId()), request);
        ListTillShiftsResponse.Builder response = ListTillShiftsResponse.newBuilder().setNextPageToken(page.nextToken());
        page.rows().forEach(shift -> response.addShifts(view(shift, false)));
        return response.build();
    }

    /** The shift, for its staff member (still of the organization) or an OWNER of it; NOT_FOUND for anyone else. */
    private TillShiftsRecord readable(String shiftId, Caller caller) {
        TillShiftsRecord shift = shifts.find(UUID.fromString(shiftId)).orElseThrow(() -> DomainException.notFound("till shift", shiftId));
        String organization = shift.getOrganizationId().toString();
        if (caller.userId().equals(shift.getStaffUserId())) {
            caller.requireStaff(organization);
        } else if (!caller.isOwnerOf(organization)) {
            throw DomainException.notFound("till shift", shiftId);
        }
        return shift;
    }

    private DomainException alreadyOpen(UUID organization, String staffUserId) {
        DomainException open = new DomainException(FailureKind.ALREADY_EXISTS, ErrorReason.ERROR_REASON_ALREADY_EXISTS,
                "your till is open already: close its shift before opening another");
        shifts.openOf(organization, staffUserId).ifPresent(shift -> open.with(ErrorDetail.SHIFT_ID, shift.getId().toString()));
        return open;
    }

    /** The staff member's till over the shift: to its close, or to now while it is open. */
    private BoxOfficeTill tillOf(TillShiftsRecord shift) {
        OffsetDateTime to = shift.getClosedAt() == null ? StoredTime.now() : shift.getClosedAt();
        return tills.till(shift.getOrganizationId().toString(), shift.getStaffUserId(), shift.getOpenedAt(), to);
    }

    /** The float and the till's cash taken less handed back in the float's currency; nothing when that is below nothing. */
    static long expectedCash(TillShiftsRecord shift, BoxOfficeTill till) {
        long cash = till.getLinesList().stream().filter(line -> line.getPayment() == BoxOfficePayment.BOX_OFFICE_PAYMENT_CASH)
                .filter(line -> line.getNet().getCurrency().equals(shift.getCurrency())).mapToLong(line -> line.getNet().getAmountMinor()).sum();
        return Math.max(0, shift.getOpeningFloatMinor() + cash);
    }

    private TillShift view(TillShiftsRecord shift) {
        return view(shift, true);
    }

    /** The shift as the contract gives it; {@code withTill}: its till too (an open shift's is read either way, for what it should hold). */
    private TillShift view(TillShiftsRecord shift, boolean withTill) {
        boolean open = shift.getClosedAt() == null;
        BoxOfficeTill till = withTill || open ? tillOf(shift) : null;
        String currency = shift.getCurrency();
        TillShift.Builder view = TillShift.newBuilder().setShiftId(shift.getId().toString())
                .setOrganizationId(shift.getOrganizationId().toString()).setStaffUserId(shift.getStaffUserId())
                .setOpenedAt(StoredTime.timestamp(shift.getOpenedAt()))
                .setOpeningFloat(BookingProtos.money(shift.getOpeningFloatMinor(), currency));
        if (withTill) {
            view.setTill(till);
        }
        if (open) {
            return view.setExpectedCash(BookingProtos.money(expectedCash(shift, till), currency)).build();
        }
        long expected = shift.getExpectedCashMinor();
        long counted = shift.getCountedCashMinor();
        return view.setClosedAt(StoredTime.timestamp(shift.getClosedAt())).setClosedByUserId(shift.getClosedBy())
                .setExpectedCash(BookingProtos.money(expected, currency)).setCountedCash(BookingProtos.money(counted, currency))
                .setSurplus(BookingProtos.money(Math.max(0, counted - expected), currency))
                .setShortfall(BookingProtos.money(Math.max(0, expected - counted), currency))
                .setNote(shift.getNote() == null ? "" : shift.getNote()).build();
    }
}
