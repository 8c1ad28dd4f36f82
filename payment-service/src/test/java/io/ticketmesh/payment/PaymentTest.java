package io.ticketmesh.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.ticketmesh.embedded.FreePorts;
import io.ticketmesh.payment.payment.WebhookSignatures;
import io.ticketmesh.payment.provider.PaymentProvider;
import io.ticketmesh.payment.provider.SimulatedCardProvider;
import io.ticketmesh.platform.error.FieldViolation;
import io.ticketmesh.platform.error.RemoteError;
import io.ticketmesh.platform.testing.GrpcTestCalls;
import io.ticketmesh.platform.testing.KafkaTestEvents;
import io.ticketmesh.platform.testing.TestInfrastructure;
import io.ticketmesh.platform.testing.TestTokens;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.common.v1.Money;
import io.ticketmesh.proto.payment.v1.AuthorizeRequest;
import io.ticketmesh.proto.payment.v1.CaptureRequest;
import io.ticketmesh.proto.payment.v1.Card;
import io.ticketmesh.proto.payment.v1.GetPaymentRequest;
import io.ticketmesh.proto.payment.v1.Payment;
import io.ticketmesh.proto.payment.v1.PaymentServiceGrpc;
import io.ticketmesh.proto.payment.v1.PaymentStatus;
import io.ticketmesh.proto.payment.v1.RefundRequest;
import io.ticketmesh.proto.payment.v1.VoidRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * payment-service over real gRPC with its PostgreSQL and Kafka, the simulated provider answering in a few ms and
 * delivering its webhooks to this service's own HTTP endpoint.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class PaymentTest {
    static final int GRPC_PORT = FreePorts.next();
    static final int HTTP_PORT = FreePorts.next();
    static final String SECRET = "whsec_test";
    static final TestTokens TOKENS = new TestTokens();
    static final ManagedChannel CHANNEL = ManagedChannelBuilder.forAddress("127.0.0.1", GRPC_PORT).usePlaintext().build();
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Autowired
    DSLContext db;
    @Autowired
    SimulatedCardProvider provider;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "payment");
        registry.add("spring.grpc.server.port", () -> GRPC_PORT);
        registry.add("server.port", () -> HTTP_PORT);
        registry.add("ticketmesh.auth.jwks-url", TOKENS::jwksUrl);
        registry.add("ticketmesh.payments.webhook-secret", () -> SECRET);
        registry.add("ticketmesh.payments.provider-timeout", () -> "300ms");
        registry.add("ticketmesh.payments.simulated.latency-min", () -> "0ms");
        registry.add("ticketmesh.payments.simulated.latency-max", () -> "2ms");
        registry.add("ticketmesh.payments.simulated.public-url", () -> "http://127.0.0.1:" + HTTP_PORT);
        registry.add("ticketmesh.payments.simulated.webhook-url", () -> "http://127.0.0.1:" + HTTP_PORT + "/webhooks/simulated");
    }

    static PaymentServiceGrpc.PaymentServiceBlockingStub payments() {
        return GrpcTestCalls.as(PaymentServiceGrpc.newBlockingStub(CHANNEL), TOKENS.service("booking-service"));
    }

    static AuthorizeRequest authorize(String card, long amount) {
        return AuthorizeRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setBookingId(UUID.randomUUID().toString())
                .setAmount(eur(amount)).setDescription("Hamlet, 2 seats")
                .setCard(Card.newBuilder().setNumber(card).setExpMonth(12).setExpYear(2035).setCvc("123")).build();
    }

    static Money eur(long amount) {
        return Money.newBuilder().setAmountMinor(amount).setCurrency("EUR").build();
    }

    @Test
    void approvedCardIsAuthorizedCapturedAndRefundedNeverBeyondCaptured() {
        Payment payment = payments().authorize(authorize("4242424242424242", 5000)).getPayment();
        assertThat(payment.getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_AUTHORIZED);
        assertThat(payment.getCardBrand()).isEqualTo("visa");
        assertThat(payment.getCardLast4()).isEqualTo("4242");
        String id = payment.getPaymentId();

        payment = payments().capture(CaptureRequest.newBuilder().setRequestId("c1").setPaymentId(id).build()).getPayment();
        assertThat(payment.getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_CAPTURED);
        assertThat(payment.getCaptured().getAmountMinor()).isEqualTo(5000);
        // a retried capture gives the first answer; another capture of the captured payment is refused
        assertThat(payments().capture(CaptureRequest.newBuilder().setRequestId("c1").setPaymentId(id).build()).getPayment())
                .isEqualTo(payment);
        RemoteError again = GrpcTestCalls.failure(() -> payments().capture(CaptureRequest.newBuilder().setRequestId("c2").setPaymentId(id).build()));
        assertThat(again.reason()).isEqualTo(ErrorReason.ERROR_REASON_INVALID_STATE);

        var partial = payments().refund(RefundRequest.newBuilder().setRequestId("r1").setPaymentId(id).setAmount(eur(1200)).setReason("seat A-3").build());
        assertThat(partial.getPayment().getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_PARTIALLY_REFUNDED);
        assertThat(partial.getRefund().getAmount().getAmountMinor()).isEqualTo(1200);
        // a retried refund gives the first answer and refunds nothing more
        var retried = payments().refund(RefundRequest.newBuilder().setRequestId("r1").setPaymentId(id).setAmount(eur(1200)).setReason("seat A-3").build());
        assertThat(retried.getRefund().getRefundId()).isEqualTo(partial.getRefund().getRefundId());

        RemoteError tooMuch = GrpcTestCalls.failure(() -> payments().refund(
                RefundRequest.newBuilder().setRequestId("r2").setPaymentId(id).setAmount(eur(3801)).build()));
        assertThat(tooMuch.reason()).isEqualTo(ErrorReason.ERROR_REASON_REFUND_EXCEEDS_CAPTURED);
        assertThat(tooMuch.metadata()).containsEntry("refundable_minor", "3800");

        payment = payments().refund(RefundRequest.newBuilder().setRequestId("r3").setPaymentId(id).build()).getPayment();
        assertThat(payment.getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_REFUNDED);
        assertThat(payment.getRefunded().getAmountMinor()).isEqualTo(5000);
        assertThat(payment.getRefundsList()).hasSize(2);

        // the provider's own books agree with ours
        var charge = db.fetchOne("select amount_minor, captured_minor, refunded_minor, status from provider_charges where id = ?",
                payment.getProviderReference());
        assertThat(charge.get(1, Long.class)).isEqualTo(5000L);
        assertThat(charge.get(2, Long.class)).isEqualTo(5000L);

        List<String> types = KafkaTestEvents.read("ticketmesh.payments", id, 4).stream().map(e -> e.type()).toList();
        assertThat(types).containsExactly("ticketmesh.payment.v1.PaymentAuthorized", "ticketmesh.payment.v1.PaymentCaptured",
                "ticketmesh.payment.v1.PaymentRefunded", "ticketmesh.payment.v1.PaymentRefunded");
    }

    @Test
    void concurrentRetriesOfOneAuthorizeMakeOnePaymentAndOneCharge() throws Exception {
        AuthorizeRequest request = authorize("4242424242424242", 2500);
        Set<String> ids = ConcurrentHashMap.newKeySet();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 16; i++) {
                pool.submit(() -> ids.add(payments().authorize(request).getPayment().getPaymentId()));
            }
        }
        assertThat(ids).hasSize(1);
        assertThat(db.fetchCount(DSL.table("provider_charges"), DSL.field("idempotency_key").eq(ids.iterator().next()))).isEqualTo(1);
        assertThat(db.fetchCount(DSL.table("payments"), DSL.field("booking_id").eq(UUID.fromString(request.getBookingId())))).isEqualTo(1);
        assertThat(KafkaTestEvents.read("ticketmesh.payments", ids.iterator().next(), 2, Duration.ofSeconds(3))).as("one answer recorded")
                .extracting(event -> event.type()).containsExactly("ticketmesh.payment.v1.PaymentAuthorized");

        RemoteError reused = GrpcTestCalls.failure(() -> payments().authorize(request.toBuilder().setAmount(eur(2600)).build()));
        assertThat(reused.reason()).isEqualTo(ErrorReason.ERROR_REASON_IDEMPOTENCY_KEY_REUSED);
    }

    @Test
    void capturesRacingOnOnePaymentCaptureItOnce() throws Exception {
        String id = payments().authorize(authorize("4242424242424242", 4000)).getPayment().getPaymentId();
        // eight calls retry one request, eight are other requests; each outcome is kept with its request
        Map<CaptureRequest, List<Object>> outcomes = new ConcurrentHashMap<>();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 16; i++) {
                CaptureRequest request = CaptureRequest.newBuilder().setRequestId(i % 2 == 0 ? "race-retried" : "race-" + i).setPaymentId(id).build();
                pool.submit(() -> {
                    Object outcome;
                    try {
                        outcome = payments().capture(request).getPayment();
                    } catch (StatusRuntimeException e) {
                        outcome = RemoteError.of(e).reason();
                    }
                    outcomes.computeIfAbsent(request, r -> new CopyOnWriteArrayList<>()).add(outcome);
                });
            }
        }
        // one request captured, and every call of it answers that capture; every call of another request is refused
        var won = outcomes.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(Payment.class::isInstance)).toList();
        assertThat(won).singleElement().satisfies(request -> assertThat(request.getValue()).hasOnlyElementsOfType(Payment.class)
                .containsOnly(payments().capture(request.getKey()).getPayment()));
        Payment captured = payments().capture(won.getFirst().getKey()).getPayment();
        assertThat(captured.getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_CAPTURED);
        assertThat(captured.getCaptured().getAmountMinor()).isEqualTo(4000);
        assertThat(outcomes.values().stream().mapToInt(List::size).sum()).isEqualTo(16);
        outcomes.entrySet().stream().filter(e -> !e.getKey().equals(won.getFirst().getKey()))
                .forEach(e -> assertThat(e.getValue()).containsOnly(ErrorReason.ERROR_REASON_INVALID_STATE));
        var charge = db.fetchOne("select captured_minor from provider_charges where id = ?", captured.getProviderReference());
        assertThat(charge.get(0, Long.class)).isEqualTo(4000L);
        assertThat(KafkaTestEvents.read("ticketmesh.payments", id, 3, Duration.ofSeconds(3))).extracting(event -> event.type())
                .containsExactly("ticketmesh.payment.v1.PaymentAuthorized", "ticketmesh.payment.v1.PaymentCaptured");
    }

    /** What a crash between the provider's answer and payment-service's record of it leaves: the same keys asked again. */
    @Test
    void theProviderAskedAgainUnderAKeyAnswersTheFirstResultAndChangesNothing() {
        var card = new PaymentProvider.CardDetails("4242424242424242", 12, 2035, "123");
        String authorizeKey = UUID.randomUUID().toString();
        String charge = provider.authorize(authorizeKey, card, 5000, "EUR", "Hamlet", "").chargeId();
        assertThat(provider.authorize(authorizeKey, card, 5000, "EUR", "Hamlet", "").chargeId()).isEqualTo(charge);

        String capture = provider.capture(charge + "/capture", charge, 5000);
        assertThat(provider.capture(charge + "/capture", charge, 5000)).isEqualTo(capture);
        String refund = provider.refund(charge + "/refund", charge, 2000);
        assertThat(provider.refund(charge + "/refund", charge, 2000)).isEqualTo(refund);

        var books = db.select(DSL.field("status"), DSL.field("captured_minor"), DSL.field("refunded_minor")).from("provider_charges")
                .where(DSL.field("id").eq(charge)).fetchSingle();
        assertThat(books.intoList()).containsExactly("captured", 5000L, 2000L);
        assertThat(db.fetchCount(DSL.table("provider_operations"), DSL.field("charge_id").eq(charge))).isEqualTo(2);
    }

    @Test
    void declinedCardFailsWithTheProvidersReasonAndChargesNothing() {
        AuthorizeRequest request = authorize("4000000000000002", 4000);
        RemoteError declined = GrpcTestCalls.failure(() -> payments().authorize(request));
        assertThat(declined.code()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(declined.reason()).isEqualTo(ErrorReason.ERROR_REASON_PAYMENT_DECLINED);
        assertThat(declined.metadata()).containsEntry("decline_code", "card_declined");
        // the retry answers the same, and the payment reads FAILED
        assertThat(GrpcTestCalls.failure(() -> payments().authorize(request)).metadata()).isEqualTo(declined.metadata());
        Payment payment = payments().getPayment(GetPaymentRequest.newBuilder().setPaymentId(declined.metadata().get("payment_id")).build()).getPayment();
        assertThat(payment.getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_FAILED);
        assertThat(payment.getCaptured().getAmountMinor()).isZero();
        assertThat(KafkaTestEvents.read("ticketmesh.payments", payment.getPaymentId(), 1).getFirst().type())
                .isEqualTo("ticketmesh.payment.v1.PaymentFailed");

        RemoteError badNumber = GrpcTestCalls.failure(() -> payments().authorize(authorize("4242424242424241", 100)));
        assertThat(badNumber.metadata()).containsEntry("decline_code", "incorrect_number");

        AuthorizeRequest malformed = authorize("4242 4242", 100).toBuilder().setAmount(eur(100).toBuilder().setCurrency("eur"))
                .setCard(Card.newBuilder().setNumber("4242 4242").setExpMonth(12).setExpYear(2035).setCvc("12")).build();
        RemoteError invalid = GrpcTestCalls.failure(() -> payments().authorize(malformed));
        assertThat(invalid.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(invalid.violations()).as("each field's rule in words, not its pattern").containsExactlyInAnyOrder(
                new FieldViolation("card.number", "must be 12 to 19 digits"), new FieldViolation("card.cvc", "must be 3 or 4 digits"),
                new FieldViolation("amount.currency", "must be a three-letter currency code in upper case, such as EUR"));
    }

    @Test
    void providerTimeoutIsUnavailableAndChargesNothing() {
        RemoteError timedOut = GrpcTestCalls.failure(() -> payments().authorize(authorize("4000000000000119", 1500)));
        assertThat(timedOut.code()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(timedOut.reason()).isEqualTo(ErrorReason.ERROR_REASON_PAYMENT_PROVIDER_TIMEOUT);
        assertThat(db.fetchCount(DSL.table("provider_charges"), DSL.field("idempotency_key").eq(timedOut.metadata().get("payment_id")))).isZero();
    }

    @Test
    void threeDSecureChallengeCompletesByWebhook() throws Exception {
        Payment waiting = payments().authorize(authorize("4000000000003220", 3000).toBuilder().setReturnUrl("https://app.example/back").build()).getPayment();
        assertThat(waiting.getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_REQUIRES_ACTION);
        assertThat(waiting.getNextActionUrl()).startsWith("http://127.0.0.1:" + HTTP_PORT + "/simulated-provider/challenges/ch_");

        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(waiting.getNextActionUrl())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).contains("Confirm the payment of 30.00 EUR");
        HttpResponse<String> done = HTTP.send(HttpRequest.newBuilder(URI.create(waiting.getNextActionUrl() + "/complete"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(done.headers().firstValue("Location")).hasValue("https://app.example/back");

        assertThat(KafkaTestEvents.read("ticketmesh.payments", waiting.getPaymentId(), 1).getFirst().type())
                .isEqualTo("ticketmesh.payment.v1.PaymentAuthorized");
        assertThat(payments().getPayment(GetPaymentRequest.newBuilder().setPaymentId(waiting.getPaymentId()).build()).getPayment().getStatus())
                .isEqualTo(PaymentStatus.PAYMENT_STATUS_AUTHORIZED);

        Payment failing = payments().authorize(authorize("4000000000003220", 3000)).getPayment();
        HTTP.send(HttpRequest.newBuilder(URI.create(failing.getNextActionUrl() + "/fail")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(KafkaTestEvents.read("ticketmesh.payments", failing.getPaymentId(), 1).getFirst().type())
                .isEqualTo("ticketmesh.payment.v1.PaymentFailed");
    }

    @Test
    void webhooksMustBeSignedFreshAndNew() throws Exception {
        Payment waiting = payments().authorize(authorize("4000000000003220", 3000)).getPayment();
        byte[] body = ("{\"id\":\"evt_" + UUID.randomUUID() + "\",\"type\":\"charge.authorized\",\"data\":{\"charge_id\":\""
                + waiting.getProviderReference() + "\"}}").getBytes(StandardCharsets.UTF_8);
        assertThat(webhook(body, null)).isEqualTo(401);
        HttpResponse<String> empty = webhookAnswer(new byte[0], null);
        assertThat(empty.statusCode()).isEqualTo(401);
        assertThat(empty.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(empty.body()).contains("WEBHOOK_SIGNATURE_INVALID");
        assertThat(webhook(body, WebhookSignatures.header("not-the-secret", Instant.now(), body))).isEqualTo(401);
        assertThat(webhook(body, WebhookSignatures.header(SECRET, Instant.now().minusSeconds(3600), body))).isEqualTo(401);
        String signature = WebhookSignatures.header(SECRET, Instant.now(), body);
        byte[] altered = new String(body, StandardCharsets.UTF_8).replace("authorized", "failed").getBytes(StandardCharsets.UTF_8);
        assertThat(webhook(altered, signature)).isEqualTo(401);
        assertThat(payments().getPayment(GetPaymentRequest.newBuilder().setPaymentId(waiting.getPaymentId()).build()).getPayment().getStatus())
                .isEqualTo(PaymentStatus.PAYMENT_STATUS_REQUIRES_ACTION);

        assertThat(webhook(body, signature)).isEqualTo(204);
        assertThat(webhook(body, signature)).as("replayed").isEqualTo(401);
        assertThat(payments().getPayment(GetPaymentRequest.newBuilder().setPaymentId(waiting.getPaymentId()).build()).getPayment().getStatus())
                .isEqualTo(PaymentStatus.PAYMENT_STATUS_AUTHORIZED);
    }

    @Test
    void voidReleasesAnAuthorizationOnce() {
        Payment payment = payments().authorize(authorize("4242424242424242", 900)).getPayment();
        VoidRequest voiding = VoidRequest.newBuilder().setRequestId("v1").setPaymentId(payment.getPaymentId()).build();
        assertThat(payments().void_(voiding).getPayment().getStatus()).isEqualTo(PaymentStatus.PAYMENT_STATUS_VOIDED);
        assertThat(payments().void_(voiding.toBuilder().setRequestId("v2").build()).getPayment().getStatus())
                .isEqualTo(PaymentStatus.PAYMENT_STATUS_VOIDED);
        RemoteError capture = GrpcTestCalls.failure(() -> payments().capture(
                CaptureRequest.newBuilder().setRequestId("c").setPaymentId(payment.getPaymentId()).build()));
        assertThat(capture.reason()).isEqualTo(ErrorReason.ERROR_REASON_INVALID_STATE);
        assertThat(db.fetchValue("select status from provider_charges where id = ?", payment.getProviderReference())).isEqualTo("voided");
    }

    @Test
    void onlyServicesMayMovePayments() {
        var asCustomer = GrpcTestCalls.as(PaymentServiceGrpc.newBlockingStub(CHANNEL), TOKENS.member(UUID.randomUUID().toString(), Map.of()));
        assertThat(GrpcTestCalls.failure(() -> asCustomer.authorize(authorize("4242424242424242", 100))).code())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    private static int webhook(byte[] body, String signature) throws Exception {
        return webhookAnswer(body, signature).statusCode();
    }

    private static HttpResponse<String> webhookAnswer(byte[] body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + HTTP_PORT + "/webhooks/simulated"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header(WebhookSignatures.HEADER, signature);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
