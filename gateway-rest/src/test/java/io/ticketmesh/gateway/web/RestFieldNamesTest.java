package io.ticketmesh.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.ErrorDetail;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.platform.error.FieldViolation;
import io.ticketmesh.platform.error.GrpcErrors;
import io.ticketmesh.platform.error.RemoteError;
import io.ticketmesh.proto.common.v1.ErrorReason;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestFieldNamesTest {
    private static final Map<String, String> PAYMENT = Map.of("card", "payment", "card.number", "payment.card_number");

    @Test
    void theLongestProtoPathAFieldStartsWithIsRenamed() {
        assertThat(RestFieldNames.restName("card.number", PAYMENT)).isEqualTo("payment.card_number");
        assertThat(RestFieldNames.restName("card.cvc", PAYMENT)).isEqualTo("payment.cvc");
        assertThat(RestFieldNames.restName("card", PAYMENT)).isEqualTo("payment");
        assertThat(RestFieldNames.restName("features[2]", Map.of("features", "accessibility"))).isEqualTo("accessibility[2]");
        assertThat(RestFieldNames.restName("cardinality", PAYMENT)).isEqualTo("cardinality");
        assertThat(RestFieldNames.restName("hold_id", PAYMENT)).isEqualTo("hold_id");
    }

    @Test
    void aMessageTheBodyStandsForAsAWholeLeavesTheName() {
        Map<String, String> venue = Map.of("venue", "");
        assertThat(RestFieldNames.restName("venue.name", venue)).isEqualTo("name");
        assertThat(RestFieldNames.restName("venue.seat_map.sections[0].name", venue)).isEqualTo("seat_map.sections[0].name");
        assertThat(RestFieldNames.restName("venue", venue)).isEqualTo("");
        assertThat(RestFieldNames.restName("organization_id", venue)).isEqualTo("organization_id");
        assertThat(RestFieldNames.restName("venues", venue)).isEqualTo("venues");
    }

    @Test
    void aServicesFieldViolationsComeBackInTheBodysNames() {
        BadRequest violations = BadRequest.newBuilder()
                .addFieldViolations(BadRequest.FieldViolation.newBuilder().setField("card.number").setDescription("must be 12 to 19 digits"))
                .addFieldViolations(BadRequest.FieldViolation.newBuilder().setField("card.exp_month").setDescription("must be 1 to 12"))
                .build();
        StatusRuntimeException remote = StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT_VALUE).setMessage("2 fields are invalid").addDetails(Any.pack(violations)).build());

        DomainException refusal = catchThrowableOfType(DomainException.class, () -> RestFieldNames.renaming(PAYMENT, () -> {
            throw remote;
        }));

        assertThat(refusal.violations()).containsExactly(new FieldViolation("payment.card_number", "must be 12 to 19 digits"),
                new FieldViolation("payment.exp_month", "must be 1 to 12"));
    }

    @Test
    void aFailureOfAnotherReasonNamingFieldsKeepsItsStatusAndReason() {
        DomainException seatMap = new DomainException(FailureKind.FAILED_PRECONDITION, ErrorReason.ERROR_REASON_SEAT_MAP_INVALID,
                "1 problem in the seat map", List.of(new FieldViolation("venue.seat_map.sections[0].name", "appears twice")));
        StatusException sent = GrpcErrors.toStatus(seatMap);
        StatusRuntimeException remote = new StatusRuntimeException(sent.getStatus(), sent.getTrailers());

        StatusRuntimeException renamed = catchThrowableOfType(StatusRuntimeException.class,
                () -> RestFieldNames.renaming(Map.of("venue", ""), () -> {
                    throw remote;
                }));

        RemoteError error = RemoteError.of(renamed);
        assertThat(error.code()).isEqualTo(io.grpc.Status.Code.FAILED_PRECONDITION);
        assertThat(error.reason()).isEqualTo(ErrorReason.ERROR_REASON_SEAT_MAP_INVALID);
        assertThat(error.message()).isEqualTo("1 problem in the seat map");
        assertThat(error.violations()).containsExactly(new FieldViolation("seat_map.sections[0].name", "appears twice"));
        DomainException local = catchThrowableOfType(DomainException.class, () -> RestFieldNames.renaming(Map.of("venue", ""), () -> {
            throw seatMap.with(ErrorDetail.TIERS, "A,B");
        }));
        assertThat(local.reason()).isEqualTo(ErrorReason.ERROR_REASON_SEAT_MAP_INVALID);
        assertThat(local.metadata()).containsEntry("tiers", "A,B");
        assertThat(local.violations()).containsExactly(new FieldViolation("seat_map.sections[0].name", "appears twice"));
    }

    @Test
    void otherFailuresPassUnchanged() {
        StatusRuntimeException notFound = io.grpc.Status.NOT_FOUND.withDescription("hold x does not exist").asRuntimeException();
        assertThat(catchThrowableOfType(StatusRuntimeException.class, () -> RestFieldNames.renaming(PAYMENT, () -> {
            throw notFound;
        }))).isSameAs(notFound);
        DomainException conflict = DomainException.invalidState("the hold is already being booked");
        assertThat(catchThrowableOfType(DomainException.class, () -> RestFieldNames.renaming(PAYMENT, () -> {
            throw conflict;
        }))).isSameAs(conflict);
        assertThat(RestFieldNames.renaming(PAYMENT, () -> "booked")).isEqualTo("booked");
    }
}
