package io.ticketmesh.gateway.inventory;

import com.google.protobuf.util.Timestamps;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.ticketmesh.gateway.downstream.Downstream;
import io.ticketmesh.gateway.downstream.GrpcCalls;
import io.ticketmesh.gateway.downstream.ProtoJson;
import io.ticketmesh.gateway.openapi.ProtoAnswer;
import io.ticketmesh.gateway.openapi.ProtoBody;
import io.ticketmesh.gateway.web.MutationRequestIds;
import io.ticketmesh.proto.ticket.v1.IssuePresaleCodesRequest;
import io.ticketmesh.proto.ticket.v1.IssuePresaleCodesResponse;
import io.ticketmesh.proto.ticket.v1.ListPresaleCodesRequest;
import io.ticketmesh.proto.ticket.v1.ListPresaleCodesResponse;
import io.ticketmesh.proto.ticket.v1.PresaleCode;
import io.ticketmesh.proto.ticket.v1.PresaleCodeState;
import io.ticketmesh.proto.ticket.v1.WithdrawPresaleCodesRequest;
import io.ticketmesh.proto.ticket.v1.WithdrawPresaleCodesResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * A showtime's single-use presale codes for its OWNER (ticket-service's IssuePresaleCodes, ListPresaleCodes and
 * WithdrawPresaleCodes): issued to hand one to each fan, listed again (JSON pages, or every one as CSV to mail merge),
 * withdrawn when one leaks.
 */
@RestController
@Tag(name = "Seats and holds")
public class PresaleCodesController {
    private static final String SERVICE = "ticket-service";
    private static final String PATH = "/api/v1/showtimes/{showtime_id}/presale/codes";
    private static final int CSV_PAGE = 1000;
    private final Downstream downstream;
    private final GrpcCalls calls;
    private final ProtoJson json;

    public PresaleCodesController(Downstream downstream, GrpcCalls calls, ProtoJson json) {
        this.downstream = downstream;
        this.calls = calls;
        this.json = json;
    }

    @PostMapping(PATH)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Issue single-use presale codes (OWNER): {count}, 1 to 10,000 a call, at most 100,000 a showtime; random,"
            + " shaped like K7MQ-4TRV-9C, to hand one to each fan. The first customer to hold with one keeps it: anyone else is refused"
            + " PRESALE_CODE_INVALID. They admit holds while a presale set with issued_codes: true runs, and may be issued before"
            + " it is set. An Idempotency-Key makes a retry answer the same codes, issuing none more; GET lists them again.",
            responses = {
                    @ApiResponse(responseCode = "201", description = "{codes: [...]}"),
                    @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED naming count"),
                    @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
                    @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED: not an OWNER of the showtime's organization"),
                    @ApiResponse(responseCode = "404", description = "NOT_FOUND: no inventory for this showtime (not published)"),
                    @ApiResponse(responseCode = "409", description = "INVALID_STATE: past 100,000 codes for the showtime")})
    @ProtoBody(IssuePresaleCodesRequest.class)
    @ProtoAnswer(IssuePresaleCodesResponse.class)
    public JsonNode issue(@PathVariable("showtime_id") UUID showtimeId, @RequestBody JsonNode body, HttpServletRequest http) {
        IssuePresaleCodesRequest request = json.fromJson(ProtoJson.requireObject(body), IssuePresaleCodesRequest.newBuilder())
                .setShowtimeId(showtimeId.toString()).setRequestId(MutationRequestIds.of(http)).build();
        return json.toJson(calls.idempotent(SERVICE, () -> downstream.inventory().issuePresaleCodes(request)));
    }

    @GetMapping(value = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The single-use codes issued for the showtime, in the order they were issued, each with its state: UNUSED,"
            + " USED (a customer held with it; never who) or WITHDRAWN (OWNER). state=unused|used|withdrawn for those only. Accept:"
            + " text/csv answers every code at once (code,state,issued_at,used_at,withdrawn_at) instead of a page.", responses = {
            @ApiResponse(responseCode = "200", description = "{codes: [{code, issued_at, state, used_at?, withdrawn_at?}], next_page_token}"),
            @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED: state not one of unused, used, withdrawn; page_size"
                    + " outside 0-1000; a page_token not ours, of a list with other filters or of another caller"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
            @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED: not an OWNER of the showtime's organization"),
            @ApiResponse(responseCode = "404", description = "NOT_FOUND: no inventory for this showtime (not published)")})
    @ProtoAnswer(ListPresaleCodesResponse.class)
    public JsonNode list(@PathVariable("showtime_id") UUID showtimeId, @RequestParam(name = "state", defaultValue = "") String state,
                         @RequestParam(name = "page_size", defaultValue = "0") int pageSize,
                         @RequestParam(name = "page_token", defaultValue = "") String pageToken) {
        return json.toJson(page(list(showtimeId, state).setPageSize(pageSize).setPageToken(pageToken)));
    }

    @GetMapping(value = PATH, produces = "text/csv")
    public ResponseEntity<String> csv(@PathVariable("showtime_id") UUID showtimeId,
                                      @RequestParam(name = "state", defaultValue = "") String state) {
        ListPresaleCodesRequest.Builder request = list(showtimeId, state).setPageSize(CSV_PAGE);
        StringBuilder csv = new StringBuilder("code,state,issued_at,used_at,withdrawn_at\r\n");
        do {
            ListPresaleCodesResponse page = page(request);
            page.getCodesList().forEach(code -> csv.append(row(code)));
            request.setPageToken(page.getNextPageToken());
        } while (!request.getPageToken().isEmpty());
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv; charset=utf-8"))
                .header("Content-Disposition", "attachment; filename=\"presale-codes-" + showtimeId + ".csv\"").body(csv.toString());
    }

    @PostMapping(PATH + "/withdraw")
    @Operation(summary = "Withdraw single-use presale codes (OWNER): {codes: [...]}, 1 to 1,000, in any case. From then on each"
            + " admits no one, its first holder included (PRESALE_CODE_INVALID); holds already made with it stay. All or nothing;"
            + " a withdrawn code withdrawn again changes nothing.", responses = {
            @ApiResponse(responseCode = "200", description = "{withdrawn}: how many this request withdrew (not those withdrawn"
                    + " before it); its retry with the same Idempotency-Key answers the same"),
            @ApiResponse(responseCode = "400", description = "VALIDATION_FAILED naming codes, or each codes[i] not issued for the showtime"),
            @ApiResponse(responseCode = "401", description = "UNAUTHENTICATED"),
            @ApiResponse(responseCode = "403", description = "PERMISSION_DENIED: not an OWNER of the showtime's organization"),
            @ApiResponse(responseCode = "404", description = "NOT_FOUND: no inventory for this showtime (not published)")})
    @ProtoBody(WithdrawPresaleCodesRequest.class)
    @ProtoAnswer(WithdrawPresaleCodesResponse.class)
    public JsonNode withdraw(@PathVariable("showtime_id") UUID showtimeId, @RequestBody JsonNode body, HttpServletRequest http) {
        WithdrawPresaleCodesRequest request = json.fromJson(ProtoJson.requireObject(body), WithdrawPresaleCodesRequest.newBuilder())
                .setShowtimeId(showtimeId.toString()).setRequestId(MutationRequestIds.of(http)).build();
        return json.toJson(calls.idempotent(SERVICE, () -> downstream.inventory().withdrawPresaleCodes(request)));
    }

    private static ListPresaleCodesRequest.Builder list(UUID showtimeId, String state) {
        ListPresaleCodesRequest.Builder request = ListPresaleCodesRequest.newBuilder().setShowtimeId(showtimeId.toString());
        if (!state.isBlank()) {
            request.setState(PresaleCodeState.valueOf(ProtoJson.queryValue(PresaleCodeState.getDescriptor(), state.strip(), "state")));
        }
        return request;
    }

    private ListPresaleCodesResponse page(ListPresaleCodesRequest.Builder request) {
        ListPresaleCodesRequest page = request.build();
        return calls.idempotent(SERVICE, () -> downstream.inventory().listPresaleCodes(page));
    }

    private static String row(PresaleCode code) {
        return code.getCode() + ',' + ProtoJson.restName(code.getState()) + ',' + Timestamps.toString(code.getIssuedAt()) + ','
                + (code.hasUsedAt() ? Timestamps.toString(code.getUsedAt()) : "") + ','
                + (code.hasWithdrawnAt() ? Timestamps.toString(code.getWithdrawnAt()) : "") + "\r\n";
    }
}
