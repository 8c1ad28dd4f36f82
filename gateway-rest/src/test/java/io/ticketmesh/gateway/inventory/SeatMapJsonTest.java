package io.ticketmesh.gateway.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.ticketmesh.gateway.downstream.ProtoJson;
import io.ticketmesh.proto.common.v1.Money;
import io.ticketmesh.proto.event.v1.SeatFeature;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityResponse;
import io.ticketmesh.proto.ticket.v1.SeatAvailability;
import io.ticketmesh.proto.ticket.v1.SeatState;
import io.ticketmesh.proto.ticket.v1.StandingAvailability;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The seat map's streaming writer makes, byte for byte, the document the generic protobuf-to-REST conversion makes (for
 * the FULL view), and for the STATES view the same fields with the seats as letters.
 */
class SeatMapJsonTest {
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theSeatMapIsWrittenAsTheGenericConversionWritesItWithEveryStateAndFeature() {
        Money price = Money.newBuilder().setAmountMinor(4500).setCurrency("GBP").build();
        GetSeatAvailabilityResponse.Builder map = GetSeatAvailabilityResponse.newBuilder().setShowtimeId(UUID.randomUUID().toString())
                .setVersion(9_000_000_000L).setCatalogVersion(3).setOnSale(true);
        for (SeatState state : SeatState.values()) {
            if (state != SeatState.UNRECOGNIZED) {
                map.addSeats(SeatAvailability.newBuilder().setSeatId(UUID.randomUUID().toString()).setLabel("1").setSection("Stalls \"A\"")
                        .setRow("R").setState(state).setTier("A").setPrice(price));
            }
        }
        map.addSeats(SeatAvailability.newBuilder().setSeatId(UUID.randomUUID().toString()).setSection("Floor").setState(SeatState.SEAT_STATE_HELD)
                .setTier("B").setPrice(price).setStanding(true)
                .addAllFeatures(Arrays.stream(SeatFeature.values()).filter(f -> f != SeatFeature.UNRECOGNIZED).toList()));
        map.addStanding(StandingAvailability.newBuilder().setSectionId(UUID.randomUUID().toString()).setSection("Floor").setCapacity(300)
                .setAvailable(290).setHeld(4).setSold(6).setTier("B").setPrice(price));

        assertThat(written(map.build())).isEqualTo(generic(map.build()));
        assertThat(written(GetSeatAvailabilityResponse.getDefaultInstance())).as("an empty map")
                .isEqualTo(generic(GetSeatAvailabilityResponse.getDefaultInstance()));
    }

    @Test
    void aLayoutWrittenWithLaterStatesIsTheFullViewOfThoseStates() {
        Money price = Money.newBuilder().setAmountMinor(3900).setCurrency("GBP").build();
        GetSeatAvailabilityResponse.Builder map = GetSeatAvailabilityResponse.newBuilder().setShowtimeId(UUID.randomUUID().toString())
                .setVersion(7).setCatalogVersion(2).setOnSale(true);
        for (int i = 0; i < 5; i++) {
            map.addSeats(SeatAvailability.newBuilder().setSeatId(UUID.randomUUID().toString()).setLabel("\u00e9" + i).setSection("Circle")
                    .setRow("B").setState(SeatState.SEAT_STATE_AVAILABLE).setTier("B").setPrice(price)
                    .addFeatures(SeatFeature.SEAT_FEATURE_AISLE));
        }
        SeatMapJson writer = new SeatMapJson();
        SeatMapLayout layout = writer.layout(map.build());

        map.setVersion(12).setOnSale(false).getSeatsBuilder(1).setState(SeatState.SEAT_STATE_HELD);
        map.getSeatsBuilder(4).setState(SeatState.SEAT_STATE_SOLD);
        GetSeatAvailabilityResponse later = map.build();
        assertThat(layout.fits(2, SeatMapJson.statesOf(later).getSeatStates())).isTrue();
        assertThat(layout.fits(3, SeatMapJson.statesOf(later).getSeatStates())).as("another catalog version").isFalse();
        assertThat(new String(writer.write(SeatMapJson.statesOf(later), layout), StandardCharsets.UTF_8)).isEqualTo(generic(later));
    }

    @Test
    void theStatesViewHasALetterASeatInOrderAndOtherwiseTheFullViewsFields() {
        GetSeatAvailabilityResponse map = GetSeatAvailabilityResponse.newBuilder().setShowtimeId(UUID.randomUUID().toString()).setVersion(42)
                .setCatalogVersion(5).setSeatStates(ByteString.copyFrom(new byte[]{1, 1, 2, 3, 4, 1, 0, 9})).setOnSale(true)
                .addStanding(StandingAvailability.newBuilder().setSectionId(UUID.randomUUID().toString()).setSection("Floor").setCapacity(10)
                        .setAvailable(10).setTier("B").setPrice(Money.newBuilder().setAmountMinor(2000).setCurrency("EUR")))
                .build();

        ObjectNode generic = (ObjectNode) new ProtoJson().toJson(map);
        ObjectNode expected = json.createObjectNode().put("showtime_id", map.getShowtimeId()).put("version", 42).put("states", "AAHSBA??");
        expected.set("standing", generic.get("standing"));
        expected.set("on_sale", generic.get("on_sale"));
        expected.set("catalog_version", generic.get("catalog_version"));
        assertThat(new String(new SeatMapJson().writeStates(map), StandardCharsets.UTF_8)).isEqualTo(json.writeValueAsString(expected));
    }

    /** The FULL view as the gateway writes it: the map's states into the map's own layout. */
    private static String written(GetSeatAvailabilityResponse map) {
        SeatMapJson writer = new SeatMapJson();
        return new String(writer.write(SeatMapJson.statesOf(map), writer.layout(map)), StandardCharsets.UTF_8);
    }

    /** The generic conversion's document, without the STATES view's field (empty in a FULL answer). */
    private String generic(GetSeatAvailabilityResponse map) {
        ObjectNode document = (ObjectNode) new ProtoJson().toJson(map);
        document.remove("seat_states");
        document.remove("standing_places"); // the LIVE view's (realtime-service's), which the REST seat map does not serve
        return json.writeValueAsString(document);
    }
}
