package io.ticketmesh.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.ErrorDetail;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.proto.common.v1.ErrorReason;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** A failure's details written as problem properties in the JSON type the description gives each. */
class ProblemsTest {

    @Test
    void eachDetailIsWrittenInItsForm() {
        ProblemDetail limit = Problems.of(new DomainException(FailureKind.FAILED_PRECONDITION, ErrorReason.ERROR_REASON_LIMIT_EXCEEDED,
                "at most 4").with(ErrorDetail.LIMIT, "4").with(ErrorDetail.HELD_OR_BOUGHT, "3"));
        assertThat(limit.getStatus()).isEqualTo(409);
        assertThat(limit.getProperties()).containsEntry("code", "LIMIT_EXCEEDED").containsEntry("limit", 4L)
                .containsEntry("held_or_bought", 3L);

        ProblemDetail taken = Problems.of(HttpStatus.CONFLICT, ErrorReason.ERROR_REASON_SEAT_UNAVAILABLE, "taken", List.of(),
                Map.of("seat_ids", "a,b", "checked_in_at", "2026-12-07T18:00:00Z"));
        assertThat(taken.getProperties()).containsEntry("seat_ids", List.of("a", "b"))
                .containsEntry("checked_in_at", "2026-12-07T18:00:00Z");
        assertThat(Problems.of(HttpStatus.CONFLICT, ErrorReason.ERROR_REASON_INVALID_STATE, "none", List.of(), Map.of("seat_ids", ""))
                .getProperties()).as("no seats named").containsEntry("seat_ids", List.of());
    }

    @Test
    void noDetailTakesTheNameOfAPropertyOfTheProblemItself() {
        Set<String> own = Set.of("type", "title", "status", "detail", "instance", "code", "errors", "request_id");

        assertThat(Arrays.stream(ErrorDetail.values()).map(ErrorDetail::key)).noneMatch(own::contains);
    }

    @Test
    void aDetailNewerThanTheGatewayOrNotInItsFormStaysAString() {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, ErrorReason.ERROR_REASON_INVALID_STATE, "newer", List.of(),
                Map.of("a_newer_detail", "1,2", "limit", "many", "request_id", "not theirs to set"));

        assertThat(problem.getProperties()).containsEntry("a_newer_detail", "1,2").containsEntry("limit", "many")
                .doesNotContainEntry("request_id", "not theirs to set");
    }
}
