package io.ticketmesh.platform.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketmesh.proto.common.v1.ErrorReason;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one list of failures' details, against the contract other languages read and the services' own use. */
class ErrorDetailTest {

    @Test
    void everyDetailIsNamedInTheContractBesideItsReason() throws Exception {
        String contract;
        try (InputStream proto = getClass().getResourceAsStream("/ticketmesh/common/v1/error_reason.proto")) {
            assertThat(proto).as("error_reason.proto on the class path, from the proto module").isNotNull();
            contract = new String(proto.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(Arrays.stream(ErrorDetail.values()).filter(detail -> !contract.contains("\"" + detail.key() + "\"")))
                .as("details error_reason.proto does not name").isEmpty();
    }

    @Test
    void aDetailIsAddedByItsKeyAndReadBackFromAnyFailuresMetadata() {
        DomainException taken = DomainException.invalidState("taken").with(ErrorDetail.SEAT_IDS, "a,b");

        assertThat(taken.metadata()).containsExactly(Map.entry("seat_ids", "a,b"));
        assertThat(ErrorDetail.SEAT_IDS.in(taken.metadata())).isEqualTo("a,b");
        assertThat(ErrorDetail.GATE.in(taken.metadata())).as("absent").isEmpty();
        assertThat(ErrorDetail.byKey("held_or_bought")).contains(ErrorDetail.HELD_OR_BOUGHT);
        assertThat(ErrorDetail.byKey("a_newer_detail")).isEmpty();
    }

    @Test
    void renamingAFailuresFieldsKeepsItsKindReasonMessageAndDetails() {
        DomainException seatMap = new DomainException(FailureKind.FAILED_PRECONDITION, ErrorReason.ERROR_REASON_SEAT_MAP_INVALID,
                "1 problem", List.of(new FieldViolation("sections[0].name", "appears twice"))).with(ErrorDetail.TIERS, "A");

        DomainException renamed = seatMap.withViolations(List.of(new FieldViolation("seat_map.sections[0].name", "appears twice")));

        assertThat(renamed.kind()).isEqualTo(FailureKind.FAILED_PRECONDITION);
        assertThat(renamed.reason()).isEqualTo(seatMap.reason());
        assertThat(renamed.getMessage()).isEqualTo("1 problem");
        assertThat(renamed.metadata()).isEqualTo(seatMap.metadata());
        assertThat(renamed.violations()).extracting(FieldViolation::field).containsExactly("seat_map.sections[0].name");
    }
}
