package io.ticketmesh.gateway.inventory;

import com.google.protobuf.ByteString;
import io.ticketmesh.gateway.downstream.ProtoJson;
import io.ticketmesh.proto.common.v1.Money;
import io.ticketmesh.proto.event.v1.SeatFeature;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityResponse;
import io.ticketmesh.proto.ticket.v1.SeatAvailability;
import io.ticketmesh.proto.ticket.v1.SeatState;
import io.ticketmesh.proto.ticket.v1.StandingAvailability;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The seat map as REST JSON, written field by field with a streaming generator. The FULL view is the very document
 * {@link ProtoJson#toJson} makes of it, less the STATES view's empty field (SeatMapJsonTest holds them equal), without
 * printing proto JSON, parsing it into a tree and rewriting its enums: a 50,000-seat map is about 10 MB of JSON, and
 * the generic path took seconds. The FULL view's seats are written once per catalog version as a {@link SeatMapLayout},
 * without their states, and each answer puts its states in. The STATES view has the same fields with a letter a seat
 * in place of the seats.
 */
@Component
class SeatMapJson {
    private static final Map<SeatState, String> STATES = restNames(SeatState.class);
    private static final Map<SeatFeature, String> FEATURES = restNames(SeatFeature.class);
    /** A seat's letter in the STATES view, by its SeatState number: the first letter of the state's REST name. */
    private static final char[] LETTERS = letters();
    /** A seat's {@code state} in the FULL view, by its SeatState number: its REST name as a JSON string, or null. */
    private static final byte[][] STATE_VALUES = stateValues();
    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * The FULL view, {showtime_id, version, seats: [...], standing: [...], on_sale, catalog_version}, of a STATES
     * answer, with everything else about its seats from the showtime's layout.
     */
    byte[] write(GetSeatAvailabilityResponse states, SeatMapLayout layout) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + layout.size());
        write(states, out, generator -> {
            // an empty raw value: the generator writes the name and colon, and the seats go straight to the stream
            generator.writeName("seats");
            generator.writeRawValue("");
            generator.flush();
            layout.writeSeats(states.getSeatStates(), STATE_VALUES, out);
        });
        return out.toByteArray();
    }

    /**
     * The FULL view's seats with their states left out, to be written with any states of the same showtime at the
     * catalog version of {@code full}.
     */
    SeatMapLayout layout(GetSeatAvailabilityResponse full) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(200 * full.getSeatsCount());
        int[] stateAt = new int[full.getSeatsCount()];
        try (JsonGenerator generator = json.createGenerator(out)) {
            generator.writeStartArray();
            for (int i = 0; i < stateAt.length; i++) {
                SeatAvailability seat = full.getSeats(i);
                generator.writeStartObject();
                generator.writeStringProperty("seat_id", seat.getSeatId());
                generator.writeStringProperty("label", seat.getLabel());
                generator.writeStringProperty("section", seat.getSection());
                generator.writeStringProperty("row", seat.getRow());
                // the state's place: right after its name and colon, which the generator writes with an empty raw value
                generator.writeName("state");
                generator.writeRawValue("");
                generator.flush();
                stateAt[i] = out.size();
                generator.writeStringProperty("tier", seat.getTier());
                money(generator, "price", seat.getPrice());
                generator.writeArrayPropertyStart("features");
                for (SeatFeature feature : seat.getFeaturesList()) {
                    generator.writeString(FEATURES.get(feature));
                }
                generator.writeEndArray();
                generator.writeBooleanProperty("standing", seat.getStanding());
                generator.writeEndObject();
            }
            generator.writeEndArray();
        }
        return new SeatMapLayout(full.getCatalogVersion(), out.toByteArray(), stateAt);
    }

    /**
     * The STATES view: {showtime_id, version, states, standing: [...], on_sale, catalog_version}, where {@code states}
     * has a letter a seat in the FULL view's order: A (available), H (held), S (sold), B (blocked), or ? for a state
     * this gateway does not know.
     */
    byte[] writeStates(GetSeatAvailabilityResponse map) {
        ByteString packed = map.getSeatStates();
        char[] letters = new char[packed.size()];
        for (int i = 0; i < letters.length; i++) {
            letters[i] = LETTERS[packed.byteAt(i) & 0xff];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + letters.length);
        write(map, out, generator -> generator.writeStringProperty("states", new String(letters)));
        return out.toByteArray();
    }

    /** A FULL answer as the STATES view answers it: its seats' states a byte each, in their order, and no seats. */
    static GetSeatAvailabilityResponse statesOf(GetSeatAvailabilityResponse full) {
        byte[] states = new byte[full.getSeatsCount()];
        for (int i = 0; i < states.length; i++) {
            states[i] = (byte) full.getSeats(i).getStateValue();
        }
        return full.toBuilder().clearSeats().setSeatStates(ByteString.copyFrom(states)).build();
    }

    private void write(GetSeatAvailabilityResponse map, ByteArrayOutputStream out, Consumer<JsonGenerator> seats) {
        try (JsonGenerator generator = json.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringProperty("showtime_id", map.getShowtimeId());
            generator.writeNumberProperty("version", map.getVersion());
            seats.accept(generator);
            generator.writeArrayPropertyStart("standing");
            for (StandingAvailability area : map.getStandingList()) {
                standing(generator, area);
            }
            generator.writeEndArray();
            generator.writeBooleanProperty("on_sale", map.getOnSale());
            generator.writeNumberProperty("catalog_version", map.getCatalogVersion());
            generator.writeEndObject();
        }
    }

    private static void standing(JsonGenerator generator, StandingAvailability area) {
        generator.writeStartObject();
        generator.writeStringProperty("section_id", area.getSectionId());
        generator.writeStringProperty("section", area.getSection());
        generator.writeNumberProperty("capacity", area.getCapacity());
        generator.writeNumberProperty("available", area.getAvailable());
        generator.writeStringProperty("tier", area.getTier());
        money(generator, "price", area.getPrice());
        generator.writeNumberProperty("held", area.getHeld());
        generator.writeNumberProperty("sold", area.getSold());
        generator.writeEndObject();
    }

    private static void money(JsonGenerator generator, String name, Money money) {
        generator.writeObjectPropertyStart(name);
        generator.writeNumberProperty("amount_minor", money.getAmountMinor());
        generator.writeStringProperty("currency", money.getCurrency());
        generator.writeEndObject();
    }

    private static char[] letters() {
        char[] letters = new char[256];
        Arrays.fill(letters, '?');
        STATES.forEach((state, name) -> letters[state.getNumber()] = state == SeatState.SEAT_STATE_UNSPECIFIED ? '?' : name.charAt(0));
        return letters;
    }

    private static byte[][] stateValues() {
        byte[][] values = new byte[256][];
        Arrays.fill(values, "null".getBytes(StandardCharsets.US_ASCII));
        STATES.forEach((state, name) -> values[state.getNumber()] = ('"' + name + '"').getBytes(StandardCharsets.US_ASCII));
        return values;
    }

    private static <E extends Enum<E> & com.google.protobuf.ProtocolMessageEnum> Map<E, String> restNames(Class<E> type) {
        Map<E, String> names = new EnumMap<>(type);
        for (E value : type.getEnumConstants()) {
            if (!value.name().equals("UNRECOGNIZED")) {
                names.put(value, ProtoJson.restName(value));
            }
        }
        return names;
    }
}
