package io.ticketmesh.gateway.booking;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.ticketmesh.gateway.downstream.Downstream;
import io.ticketmesh.gateway.downstream.GrpcCalls;
import io.ticketmesh.gateway.downstream.ProtoJson;
import io.ticketmesh.gateway.openapi.ProtoAnswer;
import io.ticketmesh.proto.booking.v1.GetSalesReportRequest;
import io.ticketmesh.proto.booking.v1.SalesReport;
import io.ticketmesh.proto.booking.v1.TierSales;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** A showtime's sales for its organizer, as JSON or (Accept: text/csv) CSV. */
@RestController
@Tag(name = "Bookings")
public class SalesController {
    private final Downstream downstream;
    private final GrpcCalls calls;
    private final ProtoJson json;

    public SalesController(Downstream downstream, GrpcCalls calls, ProtoJson json) {
        this.downstream = downstream;
        this.calls = calls;
        this.json = json;
    }

    @GetMapping(value = "/api/v1/showtimes/{showtime_id}/sales", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Sold, held, available and blocked seats, revenue in all and by tier (OWNER)", responses = {
            @ApiResponse(responseCode = "200", description = "the report; Accept: text/csv for CSV"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
            @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED")})
    @ProtoAnswer(SalesReport.class)
    public JsonNode json(@PathVariable("showtime_id") UUID showtimeId) {
        return json.toJson(report(showtimeId));
    }

    @GetMapping(value = "/api/v1/showtimes/{showtime_id}/sales", produces = "text/csv")
    public ResponseEntity<String> csv(@PathVariable("showtime_id") UUID showtimeId) {
        SalesReport report = report(showtimeId);
        StringBuilder csv = new StringBuilder("tier,sold,revenue_minor,currency\r\n");
        for (TierSales tier : report.getTiersList()) {
            csv.append('"').append(tier.getTier().replace("\"", "\"\"")).append("\",").append(tier.getSold()).append(',')
                    .append(tier.getRevenue().getAmountMinor()).append(',').append(tier.getRevenue().getCurrency()).append("\r\n");
        }
        csv.append("\"TOTAL\",").append(report.getSold()).append(',').append(report.getRevenue().getAmountMinor()).append(',')
                .append(report.getRevenue().getCurrency()).append("\r\n");
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv; charset=utf-8"))
                .header("Content-Disposition", "attachment; filename=\"sales-" + showtimeId + ".csv\"").body(csv.toString());
    }

    private SalesReport report(UUID showtimeId) {
        return calls.idempotent("booking-service", () -> downstream.bookings()
                .getSalesReport(GetSalesReportRequest.newBuilder().setShowtimeId(showtimeId.toString()).build())).getReport();
    }
}
