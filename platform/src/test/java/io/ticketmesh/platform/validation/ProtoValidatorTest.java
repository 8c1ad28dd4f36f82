package io.ticketmesh.platform.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FieldViolation;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.event.v1.CreateVenueRequest;
import io.ticketmesh.proto.event.v1.Row;
import io.ticketmesh.proto.event.v1.Seat;
import io.ticketmesh.proto.event.v1.SeatMap;
import io.ticketmesh.proto.event.v1.Section;
import io.ticketmesh.proto.event.v1.SectionKind;
import io.ticketmesh.proto.event.v1.Venue;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProtoValidatorTest {
    private final ProtoValidator validator = new ProtoValidator();

    @Test
    void aValidMessagePasses() {
        validator.check(venue("Grand Hall", "A", "Stalls"));
    }

    @Test
    void textHoldingUPlus0000IsRefusedWhereverItIsNamingEachField() {
        DomainException refused = catchThrowableOfType(DomainException.class,
                () -> validator.check(venue("Grand\0Hall", "A\0", "Stalls\u0000")));

        assertThat(refused.reason()).isEqualTo(ErrorReason.ERROR_REASON_VALIDATION_FAILED);
        assertThat(refused.violations()).extracting(FieldViolation::field).containsExactlyInAnyOrder(
                "venue.name", "venue.seat_map.sections[0].rows[1].seats[0].label", "venue.seat_map.sections[0].rows[1].seats[0].tier");
        assertThat(refused.violations()).extracting(FieldViolation::description).containsOnly(NulCharacters.DESCRIPTION);
    }

    @Test
    void brokenRulesAndUPlus0000AreReportedTogether() {
        DomainException refused = catchThrowableOfType(DomainException.class,
                () -> validator.check(venue("Grand\0Hall", "A", "Stalls").toBuilder().setOrganizationId("not-a-uuid").build()));

        assertThat(refused.violations()).extracting(FieldViolation::field).containsExactlyInAnyOrder("organization_id", "venue.name");
    }

    /** A venue of one section with two rows; the second row's seat has {@code seatLabel} and {@code tier}. */
    private static CreateVenueRequest venue(String name, String seatLabel, String tier) {
        Seat plain = Seat.newBuilder().setLabel("1").setX(1).setY(1).setTier("Stalls").build();
        Section section = Section.newBuilder().setName("Stalls").setKind(SectionKind.SECTION_KIND_SEATED)
                .addRows(Row.newBuilder().setLabel("A").addSeats(plain))
                .addRows(Row.newBuilder().setLabel("B").addSeats(plain.toBuilder().setLabel(seatLabel).setTier(tier)))
                .build();
        return CreateVenueRequest.newBuilder().setRequestId("r1").setOrganizationId(UUID.randomUUID().toString())
                .setVenue(Venue.newBuilder().setName(name).setCity("London").setTimezone("Europe/London")
                        .setSeatMap(SeatMap.newBuilder().addSections(section)))
                .build();
    }
}
