package io.ticketmesh.platform.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.FieldMask;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FieldViolation;
import io.ticketmesh.proto.booking.v1.PromoCode;
import io.ticketmesh.proto.event.v1.Event;
import io.ticketmesh.proto.event.v1.Showtime;
import io.ticketmesh.proto.event.v1.Venue;
import org.junit.jupiter.api.Test;

/** What an Update RPC may change, read from the contract's editable option. */
class UpdateMasksTest {

    @Test
    void theContractsMarkWhatTheirUpdatesMayChange() {
        assertThat(UpdateMasks.editable(Venue.getDescriptor())).containsExactlyInAnyOrder("name", "city", "address", "country_code");
        assertThat(UpdateMasks.editable(Event.getDescriptor())).containsExactlyInAnyOrder("title", "description", "category", "genre",
                "duration", "language", "age_rating", "image_urls");
        assertThat(UpdateMasks.editable(Showtime.getDescriptor())).containsExactlyInAnyOrder("venue_id", "starts_at", "ends_at",
                "sales_start", "sales_end", "max_tickets_per_user", "price_tiers", "transfers_closed", "customer_refunds_end",
                "customer_refund_steps");
        assertThat(UpdateMasks.editable(PromoCode.getDescriptor())).containsExactlyInAnyOrder("disabled", "ends_at", "max_redemptions",
                "max_redemptions_per_customer");
    }

    @Test
    void aMaskNamingAFieldNotEditableIsRefusedOnUpdateMaskListingThoseThatAre() {
        FieldMask mask = FieldMask.newBuilder().addPaths("name").addPaths("timezone").build();

        DomainException refused = catchThrowableOfType(DomainException.class,
                () -> UpdateMasks.requireEditable(mask, Venue.getDescriptor(), "its map and zone are fixed once drawn"));

        assertThat(refused.violations()).extracting(FieldViolation::field).containsExactly("update_mask");
        assertThat(refused.violations().getFirst().description()).isEqualTo("timezone cannot be changed "
                + "(editable: [address, city, country_code, name]); its map and zone are fixed once drawn");
        assertThatCode(() -> UpdateMasks.requireEditable(FieldMask.newBuilder().addPaths("city").build(), Venue.getDescriptor(), ""))
                .doesNotThrowAnyException();
    }
}
