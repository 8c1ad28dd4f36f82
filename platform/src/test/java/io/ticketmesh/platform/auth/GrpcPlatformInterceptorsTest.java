package io.ticketmesh.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jwt.PlainJWT;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.ticketmesh.platform.context.RequestContext;
import io.ticketmesh.platform.context.RequestIdServerInterceptor;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.ErrorDetail;
import io.ticketmesh.platform.error.GrpcErrors;
import io.ticketmesh.platform.error.RemoteError;
import io.ticketmesh.platform.testing.TestTokens;
import io.ticketmesh.platform.validation.ProtoValidator;
import io.ticketmesh.platform.validation.ValidationServerInterceptor;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.event.v1.GetVenueRequest;
import io.ticketmesh.proto.event.v1.GetVenueResponse;
import io.ticketmesh.proto.event.v1.ListVenuesRequest;
import io.ticketmesh.proto.event.v1.ListVenuesResponse;
import io.ticketmesh.proto.event.v1.Venue;
import io.ticketmesh.proto.event.v1.VenueServiceGrpc;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.grpc.server.exception.GrpcExceptionHandlerInterceptor;

/**
 * The server-side chain every service runs (request id, token verification, validation, error mapping), exercised
 * through a real generated stub over an in-process channel, with tokens verified against a JWKS served over HTTP.
 */
class GrpcPlatformInterceptorsTest {
    private static final String ORG = UUID.randomUUID().toString();
    private static TestTokens tokens;
    private static Server server;
    private static ManagedChannel channel;
    private static final AtomicReference<String> seenRequestId = new AtomicReference<>();

    /** GetVenue answers with the caller's identity; ListVenues requires an OWNER; a magic id fails unexpectedly. */
    static final class EchoCallerService extends VenueServiceGrpc.VenueServiceImplBase {
        @Override
        public void getVenue(GetVenueRequest request, StreamObserver<GetVenueResponse> response) {
            seenRequestId.set(RequestContext.currentRequestId());
            if (request.getVenueId().equals("00000000-0000-0000-0000-000000000000")) {
                throw new IllegalStateException("secret internal detail");
            }
            Caller caller = CallerContext.current();
            response.onNext(GetVenueResponse.newBuilder().setVenue(Venue.newBuilder()
                    .setName(caller.isAuthenticated() ? caller.userId() : "anonymous")
                    .setCity(String.valueOf(caller.organizations().get(ORG)))).build());
            response.onCompleted();
        }

        @Override
        public void listVenues(ListVenuesRequest request, StreamObserver<ListVenuesResponse> response) {
            CallerContext.current().requireOwner(request.getOrganizationId());
            response.onNext(ListVenuesResponse.getDefaultInstance());
            response.onCompleted();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        tokens = new TestTokens();
        JwtVerifier verifier = new JwtVerifier(new AuthProperties(tokens.jwksUrl(), TestTokens.ISSUER, TestTokens.AUDIENCE, Duration.ofMinutes(5)));
        String name = InProcessServerBuilder.generateName();
        // ServerInterceptors.intercept runs the last interceptor first: request id, auth, validation, error mapping
        server = InProcessServerBuilder.forName(name).directExecutor()
                .addService(ServerInterceptors.intercept(new EchoCallerService(),
                        new GrpcExceptionHandlerInterceptor(GrpcErrors::toStatus),
                        new ValidationServerInterceptor(new ProtoValidator()),
                        new AuthServerInterceptor(verifier),
                        new RequestIdServerInterceptor()))
                .build().start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    @AfterAll
    static void stop() {
        channel.shutdownNow();
        server.shutdownNow();
        tokens.close();
    }

    private static VenueServiceGrpc.VenueServiceBlockingStub stub(String token) {
        Metadata headers = new Metadata();
        if (token != null) {
            headers.put(AuthServerInterceptor.AUTHORIZATION, "Bearer " + token);
        }
        return VenueServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static GetVenueRequest anyVenue() {
        return GetVenueRequest.newBuilder().setVenueId(UUID.randomUUID().toString()).build();
    }

    private static RemoteError failureOf(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return RemoteError.of(e);
        }
        throw new AssertionError("the call succeeded");
    }

    @Test
    void callWithoutTokenProceedsAsAnonymous() {
        assertThat(stub(null).getVenue(anyVenue()).getVenue().getName()).isEqualTo("anonymous");
    }

    @Test
    void validTokenExposesUserAndOrganizationRoles() {
        String user = UUID.randomUUID().toString();
        Venue venue = stub(tokens.member(user, Map.of(ORG, "OWNER"))).getVenue(anyVenue()).getVenue();
        assertThat(venue.getName()).isEqualTo(user);
        assertThat(venue.getCity()).isEqualTo("OWNER");
    }

    @Test
    void forgedSignatureIsUnauthenticated() {
        String token = tokens.customer();
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        RemoteError error = failureOf(() -> stub(forged).getVenue(anyVenue()));
        assertThat(error.code()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(error.reason()).isEqualTo(ErrorReason.ERROR_REASON_UNAUTHENTICATED);
    }

    @Test
    void unsignedAlgNoneTokenIsUnauthenticated() {
        String unsigned = new PlainJWT(new PlainHeader.Builder().type(JOSEObjectType.JWT).build(),
                TestTokens.claims(UUID.randomUUID().toString(), Map.of(ORG, "OWNER"), List.of("ADMIN"), Duration.ofMinutes(5))).serialize();
        assertThat(failureOf(() -> stub(unsigned).getVenue(anyVenue())).code()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void expiredTokenIsUnauthenticated() {
        String expired = tokens.token(UUID.randomUUID().toString(), Map.of(), List.of(), Duration.ofMinutes(-5));
        assertThat(failureOf(() -> stub(expired).getVenue(anyVenue())).code()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void tokenSignedByAKeyNotInTheJwksIsUnauthenticated() {
        String foreign = TestTokens.sign(TestTokens.newKey(),
                TestTokens.claims(UUID.randomUUID().toString(), Map.of(), List.of(), Duration.ofMinutes(5)));
        assertThat(failureOf(() -> stub(foreign).getVenue(anyVenue())).code()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void tokenOfAnotherIssuerIsUnauthenticated() {
        var claims = new com.nimbusds.jwt.JWTClaimsSet.Builder(
                TestTokens.claims(UUID.randomUUID().toString(), Map.of(), List.of(), Duration.ofMinutes(5))).issuer("evil").build();
        String token = TestTokens.sign(tokens.key(), claims);
        assertThat(failureOf(() -> stub(token).getVenue(anyVenue())).code()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void garbageTokenIsUnauthenticatedEvenWhenTheRequestIsAlsoInvalid() {
        RemoteError error = failureOf(() -> stub("not-a-jwt").getVenue(GetVenueRequest.newBuilder().setVenueId("x").build()));
        assertThat(error.code()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void invalidRequestIsInvalidArgumentNamingTheField() {
        RemoteError error = failureOf(() -> stub(null).getVenue(GetVenueRequest.newBuilder().setVenueId("not-a-uuid").build()));
        assertThat(error.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(error.reason()).isEqualTo(ErrorReason.ERROR_REASON_VALIDATION_FAILED);
        assertThat(error.violations()).extracting(v -> v.field()).containsExactly("venue_id");
    }

    @Test
    void everyBrokenRuleIsReported() {
        RemoteError error = failureOf(() -> stub(null).listVenues(ListVenuesRequest.newBuilder()
                .setOrganizationId("nope").setPageSize(10_000).build()));
        assertThat(error.violations()).extracting(v -> v.field()).containsExactlyInAnyOrder("organization_id", "page_size");
    }

    @Test
    void anotherOrganizationsOwnerIsPermissionDenied() {
        String otherOrgOwner = tokens.member(UUID.randomUUID().toString(), Map.of(UUID.randomUUID().toString(), "OWNER"));
        RemoteError error = failureOf(() -> stub(otherOrgOwner).listVenues(ListVenuesRequest.newBuilder().setOrganizationId(ORG).build()));
        assertThat(error.code()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(error.reason()).isEqualTo(ErrorReason.ERROR_REASON_PERMISSION_DENIED);
    }

    @Test
    void staffIsNotOwner() {
        String staff = tokens.member(UUID.randomUUID().toString(), Map.of(ORG, "STAFF"));
        assertThat(failureOf(() -> stub(staff).listVenues(ListVenuesRequest.newBuilder().setOrganizationId(ORG).build())).code())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        stub(tokens.member(UUID.randomUUID().toString(), Map.of(ORG, "OWNER")))
                .listVenues(ListVenuesRequest.newBuilder().setOrganizationId(ORG).build());
    }

    @Test
    void unexpectedFailureIsInternalWithoutInternals() {
        RemoteError error = failureOf(() -> stub(null).getVenue(GetVenueRequest.newBuilder()
                .setVenueId("00000000-0000-0000-0000-000000000000").build()));
        assertThat(error.code()).isEqualTo(Status.Code.INTERNAL);
        assertThat(error.reason()).isEqualTo(ErrorReason.ERROR_REASON_INTERNAL);
        assertThat(error.message()).doesNotContain("secret").contains(error.metadata().get("request_id"));
    }

    @Test
    void requestIdIsTakenFromTheCallerAndEchoed() {
        Metadata headers = new Metadata();
        headers.put(RequestContext.METADATA_KEY, "req-12345");
        AtomicReference<Metadata> responseHeaders = new AtomicReference<>();
        VenueServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers),
                        MetadataUtils.newCaptureMetadataInterceptor(responseHeaders, new AtomicReference<>()))
                .getVenue(anyVenue());
        assertThat(seenRequestId.get()).isEqualTo("req-12345");
        assertThat(responseHeaders.get().get(RequestContext.METADATA_KEY)).isEqualTo("req-12345");
    }

    @Test
    void requestIdIsCreatedWhenMissing() {
        stub(null).getVenue(anyVenue());
        assertThat(seenRequestId.get()).matches("[0-9a-f-]{36}");
    }

    @Test
    void domainExceptionKeepsItsReasonAndMetadata() {
        var status = GrpcErrors.toStatus(new DomainException(io.ticketmesh.platform.error.FailureKind.ABORTED,
                ErrorReason.ERROR_REASON_SEAT_UNAVAILABLE, "seats taken").with(ErrorDetail.SEAT_IDS, "a,b"));
        RemoteError error = RemoteError.of(status.getStatus().asRuntimeException(status.getTrailers()));
        assertThat(error.code()).isEqualTo(Status.Code.ABORTED);
        assertThat(error.reason()).isEqualTo(ErrorReason.ERROR_REASON_SEAT_UNAVAILABLE);
        assertThat(error.metadata()).containsEntry("seat_ids", "a,b");
    }

    @Test
    void theJwksIsCachedNotFetchedPerCall() {
        stub(tokens.customer()).getVenue(anyVenue());
        int fetchesBefore = tokens.jwksFetches();
        for (int i = 0; i < 25; i++) {
            stub(tokens.customer()).getVenue(anyVenue());
        }
        assertThat(fetchesBefore).isPositive();
        assertThat(tokens.jwksFetches()).isEqualTo(fetchesBefore);
    }

    @Test
    void missingJwksSettingStopsStartupNamingIt() {
        assertThatThrownBy(() -> new AuthProperties("", "ticketmesh", "ticketmesh", null))
                .hasMessageContaining("TICKETMESH_JWKS_URL");
    }
}
