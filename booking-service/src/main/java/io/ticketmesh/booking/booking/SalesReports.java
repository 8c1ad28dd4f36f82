package io.ticketmesh.booking.booking;

import io.ticketmesh.booking.client.CatalogClient;
import io.ticketmesh.booking.client.InventoryClient;
import io.ticketmesh.booking.persistence.BookingRepository;
import io.ticketmesh.booking.persistence.jooq.tables.records.BookingItemsRecord;
import io.ticketmesh.booking.persistence.jooq.tables.records.BookingsRecord;
import io.ticketmesh.platform.auth.CallerContext;
import io.ticketmesh.proto.booking.v1.GetSalesReportRequest;
import io.ticketmesh.proto.booking.v1.GetSalesReportResponse;
import io.ticketmesh.proto.booking.v1.SalesReport;
import io.ticketmesh.proto.booking.v1.TierSales;
import io.ticketmesh.proto.ticket.v1.SeatAvailability;
import io.ticketmesh.proto.ticket.v1.SeatState;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * A showtime's sales: seat counts by state from ticket-service, revenue from this service's bookings. Revenue is
 * what customers paid net of refunds (fees and taxes included); tier revenue is the ticket prices of seats still sold.
 */
@Service
public class SalesReports {
    private static final Set<String> PAID = Set.of("CONFIRMED", "PARTIALLY_CANCELLED", "CANCELLED");
    private final BookingRepository bookings;
    private final InventoryClient inventory;
    private final CatalogClient catalog;

    public SalesReports(BookingRepository bookings, InventoryClient inventory, CatalogClient catalog) {
        this.bookings = bookings;
        this.inventory = inventory;
        this.catalog = catalog;
    }

    public GetSalesReportResponse report(GetSalesReportRequest request) {
        CallerContext.authenticated().requireOwner(catalog.organizationOf(request.getShowtimeId()));
        List<SeatAvailability> seats = inventory.availability(request.getShowtimeId()).getSeatsList();
        String currency = seats.isEmpty() ? "EUR" : seats.getFirst().getPrice().getCurrency();
        SalesReport.Builder report = SalesReport.newBuilder().setShowtimeId(request.getShowtimeId())
                .setSold(count(seats, SeatState.SEAT_STATE_SOLD)).setHeld(count(seats, SeatState.SEAT_STATE_HELD))
                .setAvailable(count(seats, SeatState.SEAT_STATE_AVAILABLE)).setBlocked(count(seats, SeatState.SEAT_STATE_BLOCKED));
        long revenue = 0;
        int confirmed = 0;
        int cancelled = 0;
        Map<String, long[]> tiers = new TreeMap<>();
        for (BookingsRecord booking : bookings.ofShowtime(UUID.fromString(request.getShowtimeId()))) {
            if (!PAID.contains(booking.getStatus())) {
                continue;
            }
            revenue += booking.getTotalMinor() - booking.getRefundedMinor();
            if (booking.getStatus().equals("CANCELLED")) {
                cancelled++;
            } else {
                confirmed++;
            }
            for (BookingItemsRecord item : bookings.items(booking.getId())) {
                if (!item.getCancelled()) {
                    long[] tier = tiers.computeIfAbsent(item.getTier(), t -> new long[2]);
                    tier[0]++;
                    tier[1] += item.getPriceMinor();
                }
            }
        }
        tiers.forEach((tier, sold) -> report.addTiers(TierSales.newBuilder().setTier(tier).setSold((int) sold[0])
                .setRevenue(BookingProtos.money(sold[1], currency))));
        return GetSalesReportResponse.newBuilder().setReport(report.setRevenue(BookingProtos.money(revenue, currency))
                .setBookingsConfirmed(confirmed).setBookingsCancelled(cancelled)).build();
    }

    private static int count(List<SeatAvailability> seats, SeatState state) {
        return (int) seats.stream().filter(s -> s.getState() == state).count();
    }
}
