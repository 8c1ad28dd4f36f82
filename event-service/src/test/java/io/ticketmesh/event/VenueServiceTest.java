package io.ticketmesh.event;

import static io.ticketmesh.platform.testing.GrpcTestCalls.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.FieldMask;
import io.grpc.Status;
import io.ticketmesh.platform.error.RemoteError;
import io.ticketmesh.platform.testing.GrpcTestCalls;
import io.ticketmesh.proto.common.v1.ErrorReason;
import io.ticketmesh.proto.event.v1.CreateVenueRequest;
import io.ticketmesh.proto.event.v1.GetVenueRequest;
import io.ticketmesh.proto.event.v1.ListVenuesRequest;
import io.ticketmesh.proto.event.v1.Point;
import io.ticketmesh.proto.event.v1.Row;
import io.ticketmesh.proto.event.v1.Seat;
import io.ticketmesh.proto.event.v1.SeatFeature;
import io.ticketmesh.proto.event.v1.SeatMap;
import io.ticketmesh.proto.event.v1.Section;
import io.ticketmesh.proto.event.v1.SectionKind;
import io.ticketmesh.proto.event.v1.UpdateVenueRequest;
import io.ticketmesh.proto.event.v1.Venue;
import io.ticketmesh.proto.event.v1.VenueView;
import io.ticketmesh.proto.event.v1.VenueServiceGrpc;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** VenueService through real gRPC stubs against event-service with its PostgreSQL. */
class VenueServiceTest extends EventServiceTestBase {
    private static final String ORG = UUID.randomUUID().toString();

    private static VenueServiceGrpc.VenueServiceBlockingStub as(String token) {
        return GrpcTestCalls.as(VenueServiceGrpc.newBlockingStub(CHANNEL), token);
    }

    private static String owner() {
        return TOKENS.member(UUID.randomUUID().toString(), Map.of(ORG, "OWNER"));
    }

    /** A hall of `rows` rows of `perRow` seats, plus a standing area. */
    static Venue hall(int rows, int perRow) {
        Section.Builder stalls = Section.newBuilder().setName("Stalls").setKind(SectionKind.SECTION_KIND_SEATED).setDefaultTier("A");
        for (int r = 0; r < rows; r++) {
            Row.Builder row = Row.newBuilder().setLabel("R" + r);
            for (int n = 0; n < perRow; n++) {
                Seat.Builder seat = Seat.newBuilder().setLabel(Integer.toString(n + 1)).setX(n).setY(r);
                if (r == 0 && n == 0) {
                    seat.addFeatures(SeatFeature.SEAT_FEATURE_WHEELCHAIR);
                } else if (r == 0 && n == 1) {
                    seat.addFeatures(SeatFeature.SEAT_FEATURE_COMPANION).addFeatures(SeatFeature.SEAT_FEATURE_AISLE);
                }
                row.addSeats(seat);
            }
            stalls.addRows(row);
        }
        return Venue.newBuilder().setName("Grand Hall").setCity("Berlin").setTimezone("Europe/Berlin").setCountryCode("DE")
                .setSeatMap(SeatMap.newBuilder().setStage(Point.newBuilder().setX(10).setY(-5)).addSections(stalls)
                        .addSections(Section.newBuilder().setName("Floor").setKind(SectionKind.SECTION_KIND_STANDING).setCapacity(200)))
                .build();
    }

    private static CreateVenueRequest create(Venue venue) {
        return CreateVenueRequest.newBuilder().setRequestId(UUID.randomUUID().toString()).setOrganizationId(ORG).setVenue(venue).build();
    }

    @Test
    void ownerCreatesAVenueAndEveryoneReadsItWithStableSeatIds() {
        Venue created = as(owner()).createVenue(create(hall(10, 20))).getVenue();
        assertThat(created.getVenueId()).isNotEmpty();
        assertThat(created.getOrganizationId()).isEqualTo(ORG);
        assertThat(created.getCapacity()).isEqualTo(10 * 20 + 200);

        Venue read = as(null).getVenue(GetVenueRequest.newBuilder().setVenueId(created.getVenueId()).build()).getVenue();
        assertThat(read).isEqualTo(created);
        Section stalls = read.getSeatMap().getSections(0);
        assertThat(stalls.getRowsList()).hasSize(10);
        Seat first = stalls.getRows(0).getSeats(0);
        assertThat(first.getSeatId()).matches("[0-9a-f-]{36}");
        assertThat(first.getFeaturesList()).containsExactly(SeatFeature.SEAT_FEATURE_WHEELCHAIR);
        assertThat(stalls.getRows(0).getSeats(1).getFeaturesList()).containsExactly(SeatFeature.SEAT_FEATURE_COMPANION, SeatFeature.SEAT_FEATURE_AISLE);
        assertThat(read.getSeatMap().getStage().getY()).isEqualTo(-5);
        assertThat(read.getSeatMap().getSections(1).getCapacity()).isEqualTo(200);

        Venue basic = as(null).getVenue(GetVenueRequest.newBuilder().setVenueId(created.getVenueId()).setView(VenueView.VENUE_VIEW_BASIC)
                .build()).getVenue();
        assertThat(basic).isEqualTo(created.toBuilder().clearSeatMap().build());
    }

    @Test
    void anOwnerCorrectsAVenuesDetailsButNeverItsMapOrTimeZone() {
        String owner = owner();
        Venue created = as(owner).createVenue(create(hall(2, 3).toBuilder().setAddress("Somewhere 1").build())).getVenue();
        UpdateVenueRequest rename = UpdateVenueRequest.newBuilder().setRequestId(UUID.randomUUID().toString())
                .setVenue(Venue.newBuilder().setVenueId(created.getVenueId()).setName("Great Hall").setCity("Potsdam")
                        .setTimezone("ignored, not in the mask"))
                .setUpdateMask(FieldMask.newBuilder().addPaths("name").addPaths("city").addPaths("address")).build();
        Venue renamed = as(owner).updateVenue(rename).getVenue();
        assertThat(renamed.getName()).isEqualTo("Great Hall");
        assertThat(renamed.getCity()).isEqualTo("Potsdam");
        assertThat(renamed.getAddress()).as("in the mask and left empty: emptied").isEmpty();
        assertThat(renamed.getCountryCode()).isEqualTo("DE");
        assertThat(renamed.getTimezone()).isEqualTo("Europe/Berlin");
        assertThat(renamed.getRevision()).isEqualTo(created.getRevision() + 1);
        assertThat(as(owner).updateVenue(rename).getVenue()).as("a retry answers as the first").isEqualTo(renamed);

        Venue read = as(null).getVenue(GetVenueRequest.newBuilder().setVenueId(created.getVenueId()).build()).getVenue();
        assertThat(read.getSeatMap()).isEqualTo(created.getSeatMap());
        assertThat(read.getName()).isEqualTo("Great Hall");

        for (String fixed : new String[] {"timezone", "seat_map", "organization_id"}) {
            RemoteError refused = failure(() -> as(owner).updateVenue(rename.toBuilder().setRequestId(UUID.randomUUID().toString())
                    .setUpdateMask(FieldMask.newBuilder().addPaths(fixed)).build()));
            assertThat(refused.violations()).as(fixed).extracting(v -> v.field()).containsExactly("update_mask");
        }
        String staff = TOKENS.member(UUID.randomUUID().toString(), Map.of(ORG, "STAFF"));
        assertThat(failure(() -> as(staff).updateVenue(rename.toBuilder().setRequestId(UUID.randomUUID().toString()).build())).code())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(failure(() -> as(owner).updateVenue(rename.toBuilder().setRequestId(UUID.randomUUID().toString())
                .setVenue(rename.getVenue().toBuilder().setVenueId(UUID.randomUUID().toString())).build())).code())
                .isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void everyBrokenRuleOfTheMapIsReportedAndNothingIsStored() {
        Venue broken = hall(3, 4).toBuilder().setTimezone("Mars/Olympus").build();
        SeatMap.Builder map = broken.getSeatMap().toBuilder();
        Section.Builder stalls = map.getSectionsBuilder(0);
        stalls.getRowsBuilder(1).setLabel("R0");                                            // duplicate row label
        stalls.getRowsBuilder(2).getSeatsBuilder(1).setLabel("1");                            // duplicate seat label
        stalls.getRowsBuilder(2).getSeatsBuilder(2).setX(1.1).setY(2);                        // overlaps seat 2 of R2
        stalls.getRowsBuilder(0).getSeatsBuilder(0).addFeatures(SeatFeature.SEAT_FEATURE_COMPANION); // both
        map.addSections(Section.newBuilder().setName("stalls").setKind(SectionKind.SECTION_KIND_STANDING)); // duplicate name, no capacity
        String owner = owner();
        RemoteError error = failure(() -> as(owner).createVenue(create(broken.toBuilder().setSeatMap(map).build())));
        assertThat(error.code()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(error.reason()).isEqualTo(ErrorReason.ERROR_REASON_SEAT_MAP_INVALID);
        assertThat(error.violations()).extracting(v -> v.field()).contains(
                "venue.timezone",
                "venue.seat_map.sections[0].rows[1].label",
                "venue.seat_map.sections[0].rows[2].seats[1].label",
                "venue.seat_map.sections[0].rows[2].seats[2]",
                "venue.seat_map.sections[0].rows[0].seats[0].features",
                "venue.seat_map.sections[2].name",
                "venue.seat_map.sections[2].capacity");
        var listed = as(null).listVenues(ListVenuesRequest.newBuilder().setOrganizationId(ORG).setPageSize(500).build());
        assertThat(listed.getVenuesList()).noneMatch(v -> v.getTimezone().equals("Mars/Olympus"));
    }

    @Test
    void onlyTheOrganizationsOwnersMayCreate() {
        Venue venue = hall(1, 2);
        String otherOwner = TOKENS.member(UUID.randomUUID().toString(), Map.of(UUID.randomUUID().toString(), "OWNER"));
        String staff = TOKENS.member(UUID.randomUUID().toString(), Map.of(ORG, "STAFF"));
        assertThat(failure(() -> as(otherOwner).createVenue(create(venue))).code()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(failure(() -> as(staff).createVenue(create(venue))).code()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(failure(() -> as(null).createVenue(create(venue))).code()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void aRetriedCreateReturnsTheSameVenue() {
        String owner = owner();
        CreateVenueRequest request = create(hall(2, 3));
        Venue first = as(owner).createVenue(request).getVenue();
        Venue retry = as(owner).createVenue(request).getVenue();
        assertThat(retry.getVenueId()).isEqualTo(first.getVenueId());
        RemoteError reused = failure(() -> as(owner).createVenue(request.toBuilder().setVenue(hall(2, 4)).build()));
        assertThat(reused.reason()).isEqualTo(ErrorReason.ERROR_REASON_IDEMPOTENCY_KEY_REUSED);
    }

    @Test
    void unknownVenueIsNotFound() {
        RemoteError error = failure(() -> as(null).getVenue(GetVenueRequest.newBuilder().setVenueId(UUID.randomUUID().toString()).build()));
        assertThat(error.code()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void listingPagesThroughAnOrganizationsVenues() {
        String org = UUID.randomUUID().toString();
        String owner = TOKENS.member(UUID.randomUUID().toString(), Map.of(org, "OWNER"));
        for (int i = 0; i < 5; i++) {
            as(owner).createVenue(create(hall(1, 2)).toBuilder().setOrganizationId(org).build());
        }
        Set<String> seen = new HashSet<>();
        String token = "";
        int pages = 0;
        do {
            var page = as(null).listVenues(ListVenuesRequest.newBuilder().setOrganizationId(org).setPageSize(2).setPageToken(token).build());
            page.getVenuesList().forEach(v -> {
                assertThat(v.hasSeatMap()).isFalse();
                seen.add(v.getVenueId());
            });
            token = page.getNextPageToken();
            pages++;
        } while (!token.isEmpty());
        assertThat(seen).hasSize(5);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void aFiftyThousandSeatHallIsStoredAndReadWhole() {
        Venue created = as(owner()).createVenue(create(hall(100, 500))).getVenue();
        assertThat(created.getCapacity()).isEqualTo(50_000 + 200);
        Venue read = as(null).getVenue(GetVenueRequest.newBuilder().setVenueId(created.getVenueId()).build()).getVenue();
        long seats = read.getSeatMap().getSections(0).getRowsList().stream().mapToLong(Row::getSeatsCount).sum();
        assertThat(seats).isEqualTo(50_000);
        Set<String> ids = new HashSet<>();
        read.getSeatMap().getSections(0).getRowsList().forEach(row -> row.getSeatsList().forEach(seat -> ids.add(seat.getSeatId())));
        assertThat(ids).hasSize(50_000);
    }
}
