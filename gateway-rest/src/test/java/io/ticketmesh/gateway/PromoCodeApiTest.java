package io.ticketmesh.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.Timestamps;
import io.ticketmesh.proto.booking.v1.CreateBookingRequest;
import io.ticketmesh.proto.booking.v1.CreatePromoCodeRequest;
import io.ticketmesh.proto.booking.v1.QuoteBookingRequest;
import io.ticketmesh.proto.booking.v1.UpdatePromoCodeRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Promotion codes through REST: bodies and query strings as booking-service's requests ({@link FakeBookingService};
 * what booking-service does with them is tested there), its refusals as problem+json naming the body's fields, and a
 * customer's budget of codes entered a minute.
 */
class PromoCodeApiTest extends GatewayTestBase {

    @Test
    void anOrganizersCodeIsMadeAndChangedFromTheBodysFields() {
        Http http = http();
        String token = register(http, uniqueEmail()).accessToken();
        String organization = UUID.randomUUID().toString();
        var made = http.post("/api/v1/organizations/" + organization + "/promo-codes", token, Http.json(Map.of("code", "spring-20",
                "percent_off", 20, "tiers", List.of("A"), "ends_at", "2027-03-01T00:00:00Z", "max_redemptions", 100)),
                Map.of("Idempotency-Key", "code-" + organization));
        assertThat(made.status()).isEqualTo(201);
        assertThat(made.json().path("organization_id").asString()).isEqualTo(organization);
        CreatePromoCodeRequest sent = FakeBookingService.received(CreatePromoCodeRequest.class).getLast();
        assertThat(sent.getOrganizationId()).isEqualTo(organization);
        assertThat(sent.getRequestId()).as("derived from the Idempotency-Key").matches("[0-9a-f-]{36}");
        assertThat(sent.getPromoCode().getPercentOff()).isEqualTo(20);
        assertThat(sent.getPromoCode().getTiersList()).containsExactly("A");
        assertThat(Timestamps.toString(sent.getPromoCode().getEndsAt())).isEqualTo("2027-03-01T00:00:00Z");

        var invalid = http.post("/api/v1/organizations/" + organization + "/promo-codes", token, Http.json(Map.of("percent_off", 20)));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("errors").get(0).path("field").asString()).as("the body's name for promo_code.code").isEqualTo("code");
        var wrongType = http.post("/api/v1/organizations/" + organization + "/promo-codes", token, Http.json(Map.of("code", "X-1",
                "percent_off", "a fifth")));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().path("errors").get(0).path("field").asString()).isEqualTo("percent_off");

        String codeId = made.json().path("promo_code_id").asString();
        var changed = http.patch("/api/v1/promo-codes/" + codeId, token, Http.json(Map.of("disabled", true)));
        assertThat(changed.status()).isEqualTo(200);
        UpdatePromoCodeRequest update = FakeBookingService.received(UpdatePromoCodeRequest.class).getLast();
        assertThat(update.getPromoCode().getPromoCodeId()).isEqualTo(codeId);
        assertThat(update.getPromoCode().getDisabled()).isTrue();
        assertThat(update.getUpdateMask().getPathsList()).containsExactly("disabled");
        assertThat(http.patch("/api/v1/promo-codes/not-an-id", token, Http.json(Map.of("disabled", true))).status()).isEqualTo(400);
        assertThat(http.post("/api/v1/organizations/" + organization + "/promo-codes", null, Http.json(Map.of("code", "X-1"))).status())
                .isEqualTo(401);
    }

    @Test
    void aCustomerQuotesAndBooksWithACodeAndARefusalNamesIt() {
        Http http = http();
        String token = register(http, uniqueEmail()).accessToken();
        String hold = UUID.randomUUID().toString();
        var quote = http.get("/api/v1/holds/" + hold + "/quote?promo_code=spring-20", token);
        assertThat(quote.status()).isEqualTo(200);
        assertThat(quote.json().path("total").path("amount_minor").asLong()).isEqualTo(8250);
        assertThat(FakeBookingService.received(QuoteBookingRequest.class).getLast()).extracting(QuoteBookingRequest::getHoldId,
                QuoteBookingRequest::getPromoCode).containsExactly(hold, "spring-20");

        var refused = http.get("/api/v1/holds/" + hold + "/quote?promo_code=" + FakeBookingService.UNUSABLE, token);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("PROMO_CODE_INVALID");
        assertThat(refused.json().path("errors").get(0).path("field").asString()).isEqualTo("promo_code");
        assertThat(refused.raw().headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("problem+json"));

        var booked = http.post("/api/v1/bookings", token, Http.json(Map.of("hold_id", hold, "promo_code", "spring-20", "payment",
                Map.of("card_number", "4242424242424242", "exp_month", 12, "exp_year", 2030, "cvc", "123"))));
        assertThat(booked.status()).isEqualTo(201);
        assertThat(booked.json().path("promo_code").asString()).isEqualTo("spring-20");
        assertThat(FakeBookingService.received(CreateBookingRequest.class).getLast().getPromoCode()).isEqualTo("spring-20");

        JsonNode openapi = http.get("/v3/api-docs", null).json();
        JsonNode quoted = openapi.at("/paths/~1api~1v1~1holds~1{hold_id}~1quote/get/responses/200/content/application~1json/schema");
        JsonNode created = openapi.at("/paths/~1api~1v1~1bookings/post/responses/201/content/application~1json/schema");
        assertThat(DescribedJson.undescribed(quote.json(), quoted, openapi)).as("the quote, total and all, as described").isEmpty();
        assertThat(DescribedJson.undescribed(booked.json(), created, openapi)).as("the booking, total and all, as described").isEmpty();
    }

    @Test
    void aFreeBookingIsSentWithoutACardAndOneThatCostsSomethingWithoutPaymentIsRefusedNamingIt() {
        Http http = http();
        String token = register(http, uniqueEmail()).accessToken();
        var free = http.post("/api/v1/bookings", token, Http.json(Map.of("hold_id", UUID.randomUUID().toString(), "promo_code",
                FakeBookingService.FREE)));
        assertThat(free.status()).isEqualTo(201);
        assertThat(FakeBookingService.received(CreateBookingRequest.class).getLast().hasCard()).as("no card made up").isFalse();

        var unpaid = http.post("/api/v1/bookings", token, Http.json(Map.of("hold_id", UUID.randomUUID().toString())));
        assertThat(unpaid.status()).isEqualTo(400);
        assertThat(unpaid.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(unpaid.json().path("errors").get(0).path("field").asString()).as("in the REST body's words").isEqualTo("payment");

        var malformed = http.post("/api/v1/bookings", token, Http.json(Map.of("hold_id", UUID.randomUUID().toString(), "payment", "4242")));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("errors").get(0).path("field").asString()).isEqualTo("payment");
    }

    @Test
    void aCustomerEntersNoMoreThanTwentyCodesAMinute() {
        Http http = http();
        String token = register(http, uniqueEmail()).accessToken();
        String path = "/api/v1/holds/" + UUID.randomUUID() + "/quote";
        for (int i = 0; i < 20; i++) {
            assertThat(http.get(path + "?promo_code=GUESS-" + i, token).status()).isEqualTo(200);
        }
        assertThat(http.get(path, token).status()).as("a quote without a code is not counted").isEqualTo(200);
        var limited = http.get(path + "?promo_code=GUESS-20", token);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.code()).isEqualTo("RATE_LIMITED");
        assertThat(limited.raw().headers().firstValue("Retry-After")).isPresent();
        var booking = http.post("/api/v1/bookings", token, Http.json(Map.of("hold_id", UUID.randomUUID().toString(), "promo_code", "GUESS-21",
                "payment", Map.of("card_number", "4242424242424242", "exp_month", 12, "exp_year", 2030, "cvc", "123"))));
        assertThat(booking.status()).as("a booking with a code counts against the same budget").isEqualTo(429);
        assertThat(http.get(path + "?promo_code=GUESS-0", register(http, uniqueEmail()).accessToken()).status())
                .as("another customer's budget").isEqualTo(200);
    }
}
