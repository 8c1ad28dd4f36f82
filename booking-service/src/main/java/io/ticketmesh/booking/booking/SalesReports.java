package io.ticketmesh.booking.booking;

import io.ticketmesh.booking.client.CatalogClient;
import io.ticketmesh.booking.client.InventoryClient;
import io.ticketmesh.booking.client.PlaceCounts;
import io.ticketmesh.booking.persistence.BookingRepository;
import io.ticketmesh.booking.persistence.BoxOfficeTillRepository;
import io.ticketmesh.platform.auth.CallerContext;
import io.ticketmesh.proto.booking.v1.BoxOfficeTakings;
import io.ticketmesh.proto.booking.v1.GetSalesReportRequest;
import io.ticketmesh.proto.booking.v1.GetSalesReportResponse;
import io.ticketmesh.proto.booking.v1.SalesReport;
import io.ticketmesh.proto.booking.v1.TierSales;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * A showtime's sales: counts of seats and standing places by state from ticket-service, revenue from this service's bookings. Revenue is
 * what customers paid net of refunds (fees and taxes included); tier revenue is the ticket prices of seats still sold
 * less their discounts, with the discounts and the free seats (complimentary tickets) beside it; what of the revenue was
 * taken at the box office is given apart, in all and by how its buyers paid there (for cashing up the till), with the
 * refunds of it still owed to buyers at the counter (the showtime cancelled, no staff member handed them back yet).
 */
@Service
public class SalesReports {
    private final BookingRepository bookings;
    private final InventoryClient inventory;
    private final CatalogClient catalog;
    private final BoxOfficeTillRepository tills;

    public SalesReports(BookingRepository bookings, InventoryClient inventory, CatalogClient catalog, BoxOfficeTillRepository tills) {
        this.bookings = bookings;
        this.inventory = inventory;
        this.catalog = catalog;
        this.tills = tills;
    }

    public GetSalesReportResponse report(GetSalesReportRequest request) {
        CatalogClient.Seller seller = catalog.sellerOf(request.getShowtimeId());
        CallerContext.authenticated().requireOwner(seller.organizationId());
        PlaceCounts places = PlaceCounts.of(inventory.states(request.getShowtimeId()));
        String currency = seller.currency();
        SalesReport.Builder report = SalesReport.newBuilder().setShowtimeId(request.getShowtimeId()).setSold(places.sold())
                .setHeld(places.held()).setAvailable(places.available()).setBlocked(places.blocked());
        UUID showtimeId = UUID.fromString(request.getShowtimeId());
        BookingRepository.Takings takings = bookings.takingsOf(showtimeId);
        long discount = 0;
        for (BookingRepository.TierSold sold : bookings.tiersSold(showtimeId)) {
            report.addTiers(TierSales.newBuilder().setTier(sold.tier()).setSold(sold.seats())
                    .setRevenue(BookingProtos.money(sold.priceMinor(), currency))
                    .setDiscount(BookingProtos.money(sold.discountMinor(), currency)).setFree(sold.free()));
            discount += sold.discountMinor();
        }
        long boxOffice = 0;
        Map<String, Long> owed = tills.owedOf(showtimeId);
        for (BookingRepository.TillTakings till : bookings.tillTakings(showtimeId)) {
            report.addBoxOfficeTakings(BoxOfficeTakings.newBuilder()
                    .setPayment(BookingProtos.boxOfficePayment(till.payment()))
                    .setBookings(till.kept()).setAmount(BookingProtos.money(till.netMinor(), currency))
                    .setRefundsOwed(BookingProtos.money(owed.getOrDefault(till.payment(), 0L), currency)));
            boxOffice += till.netMinor();
        }
        report.setBoxOffice(BookingProtos.money(boxOffice, currency))
                .setBoxOfficeRefundsOwed(BookingProtos.money(owed.values().stream().mapToLong(Long::longValue).sum(), currency));
        return GetSalesReportResponse.newBuilder().setReport(report.setRevenue(BookingProtos.money(takings.netMinor(), currency))
                .setDiscount(BookingProtos.money(discount, currency))
                .setBookingsConfirmed(takings.kept()).setBookingsCancelled(takings.cancelled())).build();
    }
}
