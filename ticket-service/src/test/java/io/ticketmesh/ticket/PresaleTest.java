package io.ticketmesh.ticket;

import static io.ticketmesh.platform.testing.GrpcTestCalls.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import io.grpc.Status;
import io.ticketmesh.platform.error.FieldViolation;
import io.ticketmesh.platform.error.RemoteError;
import io.ticketmesh.platform.outbox.EventMetadatas;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.event.v1.Showtime;
import io.ticketmesh.proto.event.v1.ShowtimeChanged;
import io.ticketmesh.proto.ticket.v1.GetPresaleRequest;
import io.ticketmesh.proto.ticket.v1.Hold;
import io.ticketmesh.proto.ticket.v1.HoldBestAvailableRequest;
import io.ticketmesh.proto.ticket.v1.HoldSeatsRequest;
import io.ticketmesh.proto.ticket.v1.HoldStatus;
import io.ticketmesh.proto.ticket.v1.IssuePresaleCodesRequest;
import io.ticketmesh.proto.ticket.v1.ListPresaleCodesRequest;
import io.ticketmesh.proto.ticket.v1.ListPresaleCodesResponse;
import io.ticketmesh.proto.ticket.v1.Presale;
import io.ticketmesh.proto.ticket.v1.PresaleCode;
import io.ticketmesh.proto.ticket.v1.PresaleCodeState;
import io.ticketmesh.proto.ticket.v1.SetPresaleRequest;
import io.ticketmesh.proto.ticket.v1.WithdrawPresaleCodesRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A presale: before the showtime's sales start, from the presale's start, holds go through with one of its codes
 * only; a wrong code is named, a missing one told when the general sale opens; the organizer sets and ends it.
 */
class PresaleTest extends TicketServiceTestBase {
    private static final String OWNER = TOKENS.member(UUID.randomUUID().toString(), Map.of(ORGANIZATION, "OWNER"));

    @Autowired
    DSLContext dsl;

    @Test
    void onlyHoldersOfACodeHoldDuringThePresaleAndAnyoneOnceTheGeneralSaleOpens() throws Exception {
        PublishedShowtime showtime = publish(2, 10, 10);
        Showtime salesLater = moveSalesStart(showtime, 3, Timestamps.fromMillis(System.currentTimeMillis() + Duration.ofHours(1).toMillis()));
        String fan = customer();

        assertThat(failure(() -> inventory(fan).setPresale(presale(showtime, minutesFromNow(-1), "FANCLUB"))).code())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        RemoteError invalid = failure(() -> inventory(OWNER).setPresale(SetPresaleRequest.newBuilder().setShowtimeId(showtime.id())
                .addCodes("ok-code").addCodes("no").addCodes("bad code").build()));
        assertThat(invalid.violations()).extracting(FieldViolation::field).containsExactlyInAnyOrder("starts_at", "codes[1]", "codes[2]");
        assertThat(failure(() -> inventory(OWNER).setPresale(presale(showtime, minutesFromNow(61), "FANCLUB"))).violations())
                .extracting(FieldViolation::field).as("after the general sale opens").containsExactly("starts_at");

        inventory(OWNER).setPresale(presale(showtime, minutesFromNow(30), "FANCLUB"));
        assertThat(failure(() -> hold(fan, showtime, 0, "fanclub")).reason()).as("the presale has not begun either")
                .isEqualTo(ErrorReason.ERROR_REASON_SHOWTIME_NOT_ON_SALE);

        Presale set = inventory(OWNER).setPresale(presale(showtime, minutesFromNow(-1), "fanclub", " Members-2027 ", "FANCLUB")).getPresale();
        assertThat(set.getCodesList()).containsExactly("FANCLUB", "MEMBERS-2027");
        assertThat(set.getSalesStart()).isEqualTo(salesLater.getSalesStart());
        Presale seen = inventory(fan).getPresale(GetPresaleRequest.newBuilder().setShowtimeId(showtime.id()).build()).getPresale();
        assertThat(seen.getStartsAt()).isEqualTo(set.getStartsAt());
        assertThat(seen.getCodesList()).as("the codes are the organizer's").isEmpty();

        RemoteError noCode = failure(() -> hold(fan, showtime, 0, ""));
        assertThat(noCode.reason()).isEqualTo(ErrorReason.ERROR_REASON_SHOWTIME_NOT_ON_SALE);
        assertThat(noCode.message()).contains("presale code");
        assertThat(noCode.metadata()).containsKey("sales_start");
        RemoteError wrong = failure(() -> hold(fan, showtime, 0, "GUESS"));
        assertThat(wrong.reason()).isEqualTo(ErrorReason.ERROR_REASON_PRESALE_CODE_INVALID);
        assertThat(wrong.violations()).extracting(FieldViolation::field).containsExactly("presale_code");

        Hold held = hold(fan, showtime, 0, "members-2027");
        assertThat(held.getStatus()).isEqualTo(HoldStatus.HOLD_STATUS_ACTIVE);
        Hold best = inventory(customer()).holdBestAvailable(HoldBestAvailableRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setShowtimeId(showtime.id()).setQuantity(2).setTogether(true).setPresaleCode("FANCLUB").build()).getHold();
        assertThat(best.getSeatIdsList()).hasSize(2).doesNotContainAnyElementsOf(held.getSeatIdsList());
        assertThat(failure(() -> inventory(customer()).holdBestAvailable(HoldBestAvailableRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString()).setShowtimeId(showtime.id()).setQuantity(1).build())).reason())
                .isEqualTo(ErrorReason.ERROR_REASON_SHOWTIME_NOT_ON_SALE);

        inventory(OWNER).setPresale(SetPresaleRequest.newBuilder().setShowtimeId(showtime.id()).build());
        assertThat(inventory(fan).getPresale(GetPresaleRequest.newBuilder().setShowtimeId(showtime.id()).build()).hasPresale())
                .as("ended").isFalse();
        assertThat(failure(() -> hold(fan, showtime, 14, "FANCLUB")).reason()).isEqualTo(ErrorReason.ERROR_REASON_SHOWTIME_NOT_ON_SALE);

        moveSalesStart(showtime, 4, null);
        assertThat(awaitHold(fan, showtime).getStatus()).as("the general sale, no code needed").isEqualTo(HoldStatus.HOLD_STATUS_ACTIVE);
    }

    @Test
    void aSingleUseCodeAdmitsItsFirstHolderOnlyAndOnlyWhileThePresaleTakesIssuedCodes() throws Exception {
        PublishedShowtime showtime = publish(2, 10, 10);
        moveSalesStart(showtime, 3, Timestamps.fromMillis(System.currentTimeMillis() + Duration.ofHours(1).toMillis()));
        String fan = customer();
        String friend = customer();

        IssuePresaleCodesRequest issue = IssuePresaleCodesRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setShowtimeId(showtime.id()).setCount(3).build();
        assertThat(failure(() -> inventory(fan).issuePresaleCodes(issue)).code()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(failure(() -> inventory(OWNER).issuePresaleCodes(issue.toBuilder().setCount(0).build())).violations())
                .extracting(FieldViolation::field).containsExactly("count");
        List<String> codes = inventory(OWNER).issuePresaleCodes(issue).getCodesList();
        assertThat(codes).hasSize(3).doesNotHaveDuplicates().allMatch(code -> code.matches("[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{2}"));
        assertThat(inventory(OWNER).issuePresaleCodes(issue).getCodesList()).as("a retry issues nothing more").isEqualTo(codes);

        inventory(OWNER).setPresale(SetPresaleRequest.newBuilder().setShowtimeId(showtime.id()).setStartsAt(minutesFromNow(-1))
                .setIssuedCodes(true).build());
        assertThat(hold(fan, showtime, 0, codes.get(0).toLowerCase()).getStatus()).as("the code's first holder")
                .isEqualTo(HoldStatus.HOLD_STATUS_ACTIVE);
        RemoteError taken = failure(() -> hold(friend, showtime, 2, codes.get(0)));
        assertThat(taken.reason()).as("passed on").isEqualTo(ErrorReason.ERROR_REASON_PRESALE_CODE_INVALID);
        assertThat(taken.violations()).extracting(FieldViolation::field).containsExactly("presale_code");
        assertThat(hold(fan, showtime, 4, codes.get(0)).getStatus()).as("still its first holder's").isEqualTo(HoldStatus.HOLD_STATUS_ACTIVE);
        assertThat(hold(friend, showtime, 6, codes.get(1)).getStatus()).isEqualTo(HoldStatus.HOLD_STATUS_ACTIVE);
        assertThat(failure(() -> hold(friend, showtime, 8, "GUES-SWOR-KS")).reason()).isEqualTo(ErrorReason.ERROR_REASON_PRESALE_CODE_INVALID);

        Presale counted = inventory(OWNER).getPresale(GetPresaleRequest.newBuilder().setShowtimeId(showtime.id()).build()).getPresale();
        assertThat(counted.getIssuedCodes()).isTrue();
        assertThat(List.of(counted.getCodesIssued(), counted.getCodesUsed())).containsExactly(3, 2);
        Presale seen = inventory(fan).getPresale(GetPresaleRequest.newBuilder().setShowtimeId(showtime.id()).build()).getPresale();
        assertThat(List.of(seen.getCodesIssued(), seen.getCodesUsed())).as("the organizer's").containsExactly(0, 0);

        inventory(OWNER).setPresale(presale(showtime, minutesFromNow(-1), "FANCLUB"));
        assertThat(failure(() -> hold(customer(), showtime, 10, codes.get(2))).reason()).as("a presale of shared codes only")
                .isEqualTo(ErrorReason.ERROR_REASON_PRESALE_CODE_INVALID);
    }

    @Test
    void issuedCodesAreListedAgainAndAWithdrawnOneAdmitsNoOneNotEvenItsHolder() throws Exception {
        PublishedShowtime showtime = publish(2, 10, 10);
        moveSalesStart(showtime, 3, Timestamps.fromMillis(System.currentTimeMillis() + Duration.ofHours(1).toMillis()));
        List<String> codes = inventory(OWNER).issuePresaleCodes(IssuePresaleCodesRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setShowtimeId(showtime.id()).setCount(5).build()).getCodesList();
        inventory(OWNER).setPresale(SetPresaleRequest.newBuilder().setShowtimeId(showtime.id()).setStartsAt(minutesFromNow(-1))
                .setIssuedCodes(true).build());
        String fan = customer();
        hold(fan, showtime, 0, codes.get(0));

        ListPresaleCodesRequest all = ListPresaleCodesRequest.newBuilder().setShowtimeId(showtime.id()).setPageSize(2).build();
        assertThat(failure(() -> inventory(fan).listPresaleCodes(all)).code()).isEqualTo(Status.Code.PERMISSION_DENIED);
        List<PresaleCode> listed = listAll(all);
        assertThat(listed).extracting(PresaleCode::getCode).as("every code once, over three pages").containsExactlyInAnyOrderElementsOf(codes);
        assertThat(listed).filteredOn(code -> code.getCode().equals(codes.get(0))).singleElement()
                .satisfies(code -> assertThat(code.getState()).isEqualTo(PresaleCodeState.PRESALE_CODE_STATE_USED))
                .satisfies(code -> assertThat(code.hasUsedAt()).isTrue());
        String secondPage = inventory(OWNER).listPresaleCodes(all).getNextPageToken();
        assertThat(failure(() -> inventory(OWNER).listPresaleCodes(all.toBuilder().setPageToken(secondPage)
                .setState(PresaleCodeState.PRESALE_CODE_STATE_USED).build())).violations()).extracting(FieldViolation::field)
                .as("a page of another list").containsExactly("page_token");

        WithdrawPresaleCodesRequest withdraw = WithdrawPresaleCodesRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setShowtimeId(showtime.id()).addCodes(codes.get(0).toLowerCase()).addCodes(codes.get(1)).build();
        assertThat(failure(() -> inventory(OWNER).withdrawPresaleCodes(withdraw.toBuilder().addCodes("GUES-SWOR-KS").build())).violations())
                .extracting(FieldViolation::field).containsExactly("codes[2]");
        assertThat(listAll(state(all, PresaleCodeState.PRESALE_CODE_STATE_WITHDRAWN))).as("all or nothing").isEmpty();
        assertThat(failure(() -> inventory(fan).withdrawPresaleCodes(withdraw)).code()).isEqualTo(Status.Code.PERMISSION_DENIED);

        assertThat(inventory(OWNER).withdrawPresaleCodes(withdraw).getWithdrawn()).isEqualTo(2);
        assertThat(inventory(OWNER).withdrawPresaleCodes(withdraw).getWithdrawn()).as("its retry").isEqualTo(2);
        assertThat(inventory(OWNER).withdrawPresaleCodes(withdraw.toBuilder().setRequestId(UUID.randomUUID().toString()).build())
                .getWithdrawn()).as("withdrawn already").isZero();

        assertThat(failure(() -> hold(fan, showtime, 4, codes.get(0))).reason()).as("not even its holder")
                .isEqualTo(ErrorReason.ERROR_REASON_PRESALE_CODE_INVALID);
        assertThat(failure(() -> hold(customer(), showtime, 6, codes.get(1))).reason()).isEqualTo(ErrorReason.ERROR_REASON_PRESALE_CODE_INVALID);
        assertThat(hold(customer(), showtime, 8, codes.get(2)).getStatus()).isEqualTo(HoldStatus.HOLD_STATUS_ACTIVE);

        assertThat(listAll(state(all, PresaleCodeState.PRESALE_CODE_STATE_WITHDRAWN))).extracting(PresaleCode::getCode)
                .containsExactlyInAnyOrder(codes.get(0), codes.get(1));
        assertThat(listAll(state(all, PresaleCodeState.PRESALE_CODE_STATE_USED))).extracting(PresaleCode::getCode).containsExactly(codes.get(2));
        assertThat(listAll(state(all, PresaleCodeState.PRESALE_CODE_STATE_UNUSED))).extracting(PresaleCode::getCode)
                .containsExactlyInAnyOrder(codes.get(3), codes.get(4));
        Presale counted = inventory(OWNER).getPresale(GetPresaleRequest.newBuilder().setShowtimeId(showtime.id()).build()).getPresale();
        assertThat(List.of(counted.getCodesIssued(), counted.getCodesUsed(), counted.getCodesWithdrawn())).containsExactly(5, 2, 2);
    }

    private static ListPresaleCodesRequest state(ListPresaleCodesRequest list, PresaleCodeState state) {
        return list.toBuilder().setState(state).build();
    }

    /** Every page of the list, turned with its tokens. */
    private static List<PresaleCode> listAll(ListPresaleCodesRequest list) {
        List<PresaleCode> codes = new ArrayList<>();
        String token = "";
        do {
            ListPresaleCodesResponse page = inventory(OWNER).listPresaleCodes(list.toBuilder().setPageToken(token).build());
            codes.addAll(page.getCodesList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return codes;
    }

    /** The showtime's sales start moved as the catalog announces it (none: at once); waits until the inventory has it. */
    private Showtime moveSalesStart(PublishedShowtime showtime, int version, Timestamp salesStart) throws InterruptedException {
        Showtime.Builder changed = showtime.event().getShowtime().toBuilder().setVersion(version).clearSalesStart();
        if (salesStart != null) {
            changed.setSalesStart(salesStart);
        }
        send("ticketmesh.catalog.showtimes", showtime.id(), ShowtimeChanged.newBuilder().setMetadata(EventMetadatas.next(showtime.id(), version))
                .setShowtime(changed).addChangedFields("sales_start").build());
        for (long deadline = System.currentTimeMillis() + 20_000; System.currentTimeMillis() < deadline; ) {
            if (dsl.fetchValue(DSL.select(DSL.field("catalog_version", Long.class)).from("inventory_showtimes")
                    .where(DSL.field("id").eq(UUID.fromString(showtime.id())))) == version) {
                return changed.build();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the sales start did not reach the inventory");
    }

    /** A hold made once the showtime's presale (read at most a second ago) has caught up with its general sale. */
    private static Hold awaitHold(String customer, PublishedShowtime showtime) throws InterruptedException {
        for (long deadline = System.currentTimeMillis() + 10_000; ; ) {
            try {
                return hold(customer, showtime, 16, "");
            } catch (RuntimeException refused) {
                if (System.currentTimeMillis() > deadline) {
                    throw refused;
                }
                Thread.sleep(200);
            }
        }
    }

    private static Hold hold(String customer, PublishedShowtime showtime, int firstSeat, String code) {
        return inventory(customer).holdSeats(HoldSeatsRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setShowtimeId(showtime.id()).addAllSeatIds(showtime.seatIds().subList(firstSeat, firstSeat + 2)).setPresaleCode(code)
                .build()).getHold();
    }

    private static SetPresaleRequest presale(PublishedShowtime showtime, Timestamp startsAt, String... codes) {
        return SetPresaleRequest.newBuilder().setShowtimeId(showtime.id()).setStartsAt(startsAt).addAllCodes(List.of(codes)).build();
    }

    private static Timestamp minutesFromNow(long minutes) {
        return Timestamps.fromMillis(System.currentTimeMillis() + Duration.ofMinutes(minutes).toMillis());
    }
}
