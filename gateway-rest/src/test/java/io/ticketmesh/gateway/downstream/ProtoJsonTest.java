package io.ticketmesh.gateway.downstream;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FieldViolation;
import io.ticketmesh.proto.booking.v1.PromoCode;
import io.ticketmesh.proto.common.v1.Money;
import io.ticketmesh.proto.event.v1.PriceTier;
import io.ticketmesh.proto.event.v1.Seat;
import io.ticketmesh.proto.event.v1.SeatFeature;
import io.ticketmesh.proto.event.v1.Section;
import io.ticketmesh.proto.event.v1.SectionKind;
import io.ticketmesh.proto.event.v1.Showtime;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ProtoJsonTest {
    private final ProtoJson protoJson = new ProtoJson();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void restJsonReadsIntoProtoWithShortEnumNames() {
        Section section = protoJson.fromJson(json.readTree("""
                {"name": "Stalls", "kind": "SEATED", "default_tier": "A",
                 "rows": [{"label": "A", "seats": [{"label": "1", "x": 1.5, "y": 2, "features": ["WHEELCHAIR", "AISLE"]}]}]}
                """), Section.newBuilder()).build();
        assertThat(section.getKind()).isEqualTo(SectionKind.SECTION_KIND_SEATED);
        Seat seat = section.getRows(0).getSeats(0);
        assertThat(seat.getFeaturesList()).containsExactly(SeatFeature.SEAT_FEATURE_WHEELCHAIR, SeatFeature.SEAT_FEATURE_AISLE);
        assertThat(seat.getX()).isEqualTo(1.5);
    }

    @Test
    void moneyIsMinorUnitsAsANumberBothWays() {
        PriceTier tier = PriceTier.newBuilder().setTier("A")
                .setPrice(Money.newBuilder().setAmountMinor(4500).setCurrency("EUR")).build();
        var out = protoJson.toJson(tier);
        assertThat(out.path("price").path("amount_minor").isIntegralNumber()).isTrue();
        assertThat(out.path("price").path("amount_minor").asLong()).isEqualTo(4500);
        assertThat(protoJson.fromJson(out, PriceTier.newBuilder()).build()).isEqualTo(tier);
    }

    @Test
    void roundTripKeepsEverything() {
        Section section = Section.newBuilder().setName("Balcony").setKind(SectionKind.SECTION_KIND_STANDING).setCapacity(300).build();
        assertThat(protoJson.fromJson(protoJson.toJson(section), Section.newBuilder()).build()).isEqualTo(section);
    }

    @Test
    void unknownEnumValuesAndFieldsAreRefusedByTheirPath() {
        assertThat(refusal("{\"kind\": \"FLOATING\"}")).containsExactly(
                new FieldViolation("kind", "unknown value FLOATING; one of [SEATED, STANDING]"));
        assertThat(refusal("{\"kind\": \"UNSPECIFIED\"}")).extracting(FieldViolation::field).containsExactly("kind");
        assertThat(refusal("{\"colour\": \"red\"}")).containsExactly(new FieldViolation("colour", "unknown field"));
        assertThat(refusal("{\"rows\": [{\"label\": \"A\"}, {\"label\": \"B\", \"seats\": [{\"label\": \"1\", \"features\": [\"AISLE\", \"FLYING\"]}]}]}"))
                .extracting(FieldViolation::field).containsExactly("rows[1].seats[0].features[1]");
        assertThat(refusal("{\"rows\": [{\"label\": \"A\", \"colour\": \"red\"}]}"))
                .containsExactly(new FieldViolation("rows[0].colour", "unknown field"));
    }

    @Test
    void valuesOfTheWrongJsonTypeAreRefusedByTheirPath() {
        assertThat(refusal("{\"name\": 42}")).containsExactly(new FieldViolation("name", "must be a string"));
        assertThat(refusal("{\"name\": \"Stalls \\ud800\"}")).extracting(FieldViolation::field).containsExactly("name");
        assertThat(refusal("{\"name\": \"\\udc00Stalls\"}")).extracting(FieldViolation::field).containsExactly("name");
        assertThat(protoJson.fromJson(json.readTree("{\"name\": \"Stalls \\ud83c\\udfad\"}"), Section.newBuilder()).getName())
                .as("a surrogate pair is one character").isEqualTo("Stalls \uD83C\uDFAD");
        assertThat(refusal("{\"capacity\": 1.5}")).containsExactly(
                new FieldViolation("capacity", "must be a whole number from -2147483648 to 2147483647"));
        assertThat(refusal("{\"capacity\": 3000000000}")).extracting(FieldViolation::field).containsExactly("capacity");
        assertThat(refusal("{\"capacity\": \"two\"}")).extracting(FieldViolation::field).containsExactly("capacity");
        assertThat(protoJson.fromJson(json.readTree("{\"capacity\": \"300\"}"), Section.newBuilder()).getCapacity())
                .as("proto JSON's integers in strings").isEqualTo(300);
        assertThat(protoJson.fromJson(json.readTree("{\"capacity\": 300.0}"), Section.newBuilder()).getCapacity()).isEqualTo(300);
        assertThat(refusal("{\"rows\": {}}")).containsExactly(new FieldViolation("rows", "must be an array"));
        assertThat(refusal("{\"rows\": [null]}")).containsExactly(new FieldViolation("rows[0]", "must not be null"));
        assertThat(refusal("{\"rows\": [\"A\"]}")).containsExactly(new FieldViolation("rows[0]", "must be an object"));
        assertThat(refusal("{\"rows\": [{\"label\": \"A\", \"seats\": [{\"x\": true}]}]}"))
                .containsExactly(new FieldViolation("rows[0].seats[0].x", "must be a number"));
        assertThat(refusal("{\"rows\": [{\"label\": \"A\", \"seats\": [{\"y\": \"high\"}]}]}"))
                .containsExactly(new FieldViolation("rows[0].seats[0].y", "must be a number"));
        assertThat(refusal("{\"rows\": [{\"label\": \"A\", \"seats\": [{\"features\": [\"AISLE\", null]}]}]}"))
                .containsExactly(new FieldViolation("rows[0].seats[0].features[1]", "must not be null"));
        assertThat(refusal("{\"starts_at\": \"next tuesday\"}", Showtime.newBuilder())).containsExactly(
                new FieldViolation("starts_at", "must be an RFC 3339 time, e.g. \"2027-06-05T18:30:00Z\""));
        for (String impossible : List.of("2027-02-30T19:30:00Z", "2027-13-01T19:30:00Z", "2027-06-05T25:00:00Z", "2027-06-05T18:61:00+01:00")) {
            assertThat(refusal("{\"starts_at\": \"" + impossible + "\"}", Showtime.newBuilder())).as("no such time: " + impossible)
                    .containsExactly(new FieldViolation("starts_at", "must be an RFC 3339 time, e.g. \"2027-06-05T18:30:00Z\""));
        }
        assertThat(protoJson.fromJson(json.readTree("{\"starts_at\": \"2028-02-29T18:30:00.5+01:00\"}"), Showtime.newBuilder())
                .getStartsAt().getSeconds()).as("a leap day, a fraction and an offset").isEqualTo(1835458200L);
        assertThat(refusal("{\"price_tiers\": [{\"tier\": \"A\", \"price\": {\"amount_minor\": 12.5}}]}", Showtime.newBuilder()))
                .containsExactly(new FieldViolation("price_tiers[0].price.amount_minor", "must be a whole number"));
        assertThat(refusal("{\"percent_off\": 10, \"amount_off\": {\"amount_minor\": 500, \"currency\": \"EUR\"}}", PromoCode.newBuilder()))
                .as("two fields of a oneof").containsExactly(new FieldViolation("amount_off", "cannot be given with percent_off: one of them only"));
    }

    private List<FieldViolation> refusal(String body) {
        return refusal(body, Section.newBuilder());
    }

    private List<FieldViolation> refusal(String body, Message.Builder builder) {
        try {
            protoJson.fromJson(json.readTree(body), builder);
        } catch (DomainException e) {
            return e.violations();
        }
        throw new AssertionError("accepted " + body);
    }
}
