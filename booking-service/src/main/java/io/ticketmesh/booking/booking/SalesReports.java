package io.ticketmesh.booking.booking;

import io.ticketmesh.booking.client.CatalogClient;
import io.ticketmesh.booking.client.InventoryClient;
import io.ticketmesh.booking.persistence.BookingRepository;
import io.ticketmesh.platform.auth.CallerContext;
import io.ticketmesh.proto.booking.v1.GetSalesReportRequest;
import io.ticketmesh.proto.booking.v1.GetSalesReportResponse;
import io.ticketmesh.proto.booking.v1.SalesReport;
import io.ticketmesh.proto.booking.v1.TierSales;
import io.ticketmesh.proto.ticket.v1.GetSeatAvailabilityResponse;
import io.ticketmesh.proto.ticket.v1.SeatState;
import io.ticketmesh.proto.ticket.v1.StandingAvailability;
import java.util.List;
import java.util.UUID;
import java.util.function.ToIntFunction;
import org.springframework.stereotype.Service;

/**
 * A showtime's sales: counts of seats and standing places by state from ticket-service, revenue from this service's bookings. Revenue is
 * what customers paid net of refunds (fees and taxes included); tier revenue is the ticket prices of seats still sold.
 */
@Service
public class SalesReports {
    private final BookingRepository bookings;
    private final InventoryClient inventory;
    private final CatalogClient catalog;

    public SalesReports(BookingRepository bookings, InventoryClient inventory, CatalogClient catalog) {
        this.bookings = bookings;
        this.inventory = inventory;
        this.catalog = catalog;
    }

    public GetSalesReportResponse report(GetSalesReportRequest request) {
        CatalogClient.Seller seller = catalog.sellerOf(request.getShowtimeId());
        CallerContext.authenticated().requireOwner(seller.organizationId());
        GetSeatAvailabilityResponse availability = inventory.states(request.getShowtimeId());
        int[] seats = new int[256];
        availability.getSeatStates().forEach(state -> seats[state & 0xff]++);
        List<StandingAvailability> floors = availability.getStandingList();
        String currency = seller.currency();
        SalesReport.Builder report = SalesReport.newBuilder().setShowtimeId(request.getShowtimeId())
                .setSold(seats[SeatState.SEAT_STATE_SOLD_VALUE] + sum(floors, StandingAvailability::getSold))
                .setHeld(seats[SeatState.SEAT_STATE_HELD_VALUE] + sum(floors, StandingAvailability::getHeld))
                .setAvailable(seats[SeatState.SEAT_STATE_AVAILABLE_VALUE] + sum(floors, StandingAvailability::getAvailable))
                .setBlocked(seats[SeatState.SEAT_STATE_BLOCKED_VALUE] + sum(floors, floor -> floor.getCapacity() - floor.getAvailable()
                        - floor.getHeld() - floor.getSold()));
        UUID showtimeId = UUID.fromString(request.getShowtimeId());
        BookingRepository.Takings takings = bookings.takingsOf(showtimeId);
        bookings.tiersSold(showtimeId).forEach(sold -> report.addTiers(TierSales.newBuilder().setTier(sold.tier())
                .setSold(sold.seats()).setRevenue(BookingProtos.money(sold.priceMinor(), currency))));
        return GetSalesReportResponse.newBuilder().setReport(report.setRevenue(BookingProtos.money(takings.netMinor(), currency))
                .setBookingsConfirmed(takings.kept()).setBookingsCancelled(takings.cancelled())).build();
    }

    private static int sum(List<StandingAvailability> floors, ToIntFunction<StandingAvailability> places) {
        return floors.stream().mapToInt(places).sum();
    }
}
