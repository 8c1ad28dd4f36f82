package io.ticketmesh.platform.error;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The machine-readable details a failure may carry beside its reason: the keys of {@code ErrorInfo.metadata} on gRPC
 * (every value a string there, a list comma-separated) and the further properties of a REST problem, where each has
 * its own JSON type. The one list of them: services add them with {@link DomainException#with}, the gateway writes and
 * describes them from it, and error_reason.proto names them beside the reasons that carry them.
 */
public enum ErrorDetail {
    SEAT_IDS(Form.LIST, "SEAT_UNAVAILABLE: the seats that were taken; INVALID_STATE of a cancellation or transfer: the seats refused"),
    SECTION_ID(Form.TEXT, "SEAT_UNAVAILABLE of a standing hold: the standing area short of places"),
    AVAILABLE(Form.INTEGER, "SEAT_UNAVAILABLE of a standing hold: the places left in the area"),
    LIMIT(Form.INTEGER, "LIMIT_EXCEEDED: the showtime's tickets per customer"),
    HELD_OR_BOUGHT(Form.INTEGER, "LIMIT_EXCEEDED: the tickets the customer holds or bought already"),
    EXTENSIONS(Form.INTEGER, "HOLD_EXTENSION_LIMIT: how many times the hold was extended"),
    SALES_START(Form.TIME, "SHOWTIME_NOT_ON_SALE during a presale: when the general sale starts"),
    CHECKED_IN_AT(Form.TIME, "ALREADY_CHECKED_IN: when the ticket was admitted"),
    GATE(Form.TEXT, "ALREADY_CHECKED_IN: the gate that admitted it"),
    DECLINE_CODE(Form.TEXT, "PAYMENT_DECLINED: the card provider's reason"),
    PAYMENT_ID(Form.TEXT, "PAYMENT_DECLINED, PAYMENT_PROVIDER_TIMEOUT: the failed payment"),
    REFUNDABLE_MINOR(Form.INTEGER, "REFUND_EXCEEDS_CAPTURED: what is left to refund, in minor units"),
    CUSTOMER_REFUNDS_END(Form.TIME, "BOOKING_NOT_CANCELLABLE: when the customer's own cancellations ended"),
    BOOKING_ID(Form.TEXT, "INVALID_STATE: the booking already being made of this hold"),
    SHIFT_ID(Form.TEXT, "ALREADY_EXISTS: the till shift the caller has open"),
    ENTRY_ID(Form.TEXT, "ALREADY_EXISTS: the caller's waitlist entry"),
    PROMO_CODE(Form.TEXT, "ALREADY_EXISTS: the promotion code the organization has already"),
    TIERS(Form.LIST, "CHANGE_BREAKS_SALES: the price tiers the venue's seats use"),
    RETRY_AFTER_SECONDS(Form.INTEGER, "RATE_LIMITED: seconds until a retry may succeed (the Retry-After header too)");

    /** How a detail's string value reads as JSON. */
    public enum Form { TEXT, LIST, INTEGER, TIME }

    private static final Map<String, ErrorDetail> BY_KEY = Arrays.stream(values())
            .collect(Collectors.toMap(ErrorDetail::key, Function.identity()));

    private final Form form;
    private final String description;

    ErrorDetail(Form form, String description) {
        this.form = form;
        this.description = description;
    }

    /** The key in ErrorInfo.metadata and the property of a REST problem: the constant's name in lower case. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Form form() {
        return form;
    }

    /** Which failures carry it, and what it holds. */
    public String description() {
        return description;
    }

    /** Its value among a failure's metadata, or "" when the failure has none. */
    public String in(Map<String, String> metadata) {
        return metadata.getOrDefault(key(), "");
    }

    /** A LIST detail's items among a failure's metadata; none when the failure has none. */
    public List<String> itemsIn(Map<String, String> metadata) {
        return items(in(metadata));
    }

    /** The items of a LIST detail's value, which is them comma-separated. */
    public static List<String> items(String value) {
        return value.isEmpty() ? List.of() : List.of(value.split(","));
    }

    /** The detail a metadata key names, if it is one of these. */
    public static Optional<ErrorDetail> byKey(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }
}
