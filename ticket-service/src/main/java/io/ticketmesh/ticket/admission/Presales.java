package io.ticketmesh.ticket.admission;

import static io.ticketmesh.ticket.persistence.jooq.Tables.PRESALES;

import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.FieldViolation;
import io.ticketmesh.platform.persistence.AfterCommit;
import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.platform.validation.EnteredCodes;
import io.ticketmesh.proto.ticket.v1.GetPresaleRequest;
import io.ticketmesh.proto.ticket.v1.GetPresaleResponse;
import io.ticketmesh.proto.ticket.v1.Presale;
import io.ticketmesh.proto.ticket.v1.SetPresaleRequest;
import io.ticketmesh.proto.ticket.v1.SetPresaleResponse;
import io.ticketmesh.ticket.persistence.InventoryRepository;
import io.ticketmesh.ticket.persistence.jooq.tables.records.InventoryShowtimesRecord;
import io.ticketmesh.ticket.persistence.jooq.tables.records.PresalesRecord;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * SetPresale and GetPresale: an OWNER opens a showtime's holds to the holders of access codes before its general sale
 * (a fan club's, a venue's members', or single-use ones issued to each fan: {@link PresaleCodes}), and anyone may see
 * when it opens; {@link PresaleCheck} applies it to holds.
 */
@Service
public class Presales {
    private final DSLContext dsl;
    private final InventoryRepository inventory;
    private final PresaleCheck check;
    private final PresaleCodes codes;

    public Presales(DSLContext dsl, InventoryRepository inventory, PresaleCheck check, PresaleCodes codes) {
        this.dsl = dsl;
        this.inventory = inventory;
        this.check = check;
        this.codes = codes;
    }

    /**
     * Replaces the showtime's presale whole (no shared codes and not issued_codes: none), so the same request twice
     * changes nothing more.
     */
    @Transactional
    public SetPresaleResponse set(SetPresaleRequest request, Caller caller) {
        UUID showtimeId = UUID.fromString(request.getShowtimeId());
        InventoryShowtimesRecord showtime = inventory.findShowtime(showtimeId)
                .orElseThrow(() -> DomainException.notFound("inventory of showtime", request.getShowtimeId()));
        caller.requireOwner(showtime.getOrganizationId().toString());
        AfterCommit.run(() -> check.forget(showtimeId));
        if (request.getCodesCount() == 0 && !request.getIssuedCodes()) {
            dsl.deleteFrom(PRESALES).where(PRESALES.SHOWTIME_ID.eq(showtimeId)).execute();
            return SetPresaleResponse.getDefaultInstance();
        }
        List<String> shared = sharedCodes(request);
        OffsetDateTime startsAt = StoredTime.of(request.getStartsAt());
        OffsetDateTime salesStart = showtime.getSalesStart();
        if (salesStart == null || !salesStart.isAfter(OffsetDateTime.now())) {
            throw DomainException.invalidState("the general sale has begun: a presale needs the showtime's sales_start in the future");
        }
        if (!startsAt.isBefore(salesStart)) {
            throw DomainException.invalid("starts_at", "must be before the showtime's sales_start (" + salesStart + ")");
        }
        PresalesRecord row = dsl.newRecord(PRESALES);
        row.setShowtimeId(showtimeId);
        row.setStartsAt(startsAt);
        row.setCodes(shared.toArray(String[]::new));
        row.setIssuedCodes(request.getIssuedCodes());
        row.setUpdatedBy(caller.userId());
        row.setUpdatedAt(StoredTime.now());
        dsl.insertInto(PRESALES).set(row).onConflict(PRESALES.SHOWTIME_ID).doUpdate().set(row).execute();
        return SetPresaleResponse.newBuilder().setPresale(proto(row, salesStart, Optional.of(codes.counts(showtimeId)))).build();
    }

    @Transactional(readOnly = true)
    public GetPresaleResponse get(GetPresaleRequest request, Caller caller) {
        UUID showtimeId = UUID.fromString(request.getShowtimeId());
        InventoryShowtimesRecord showtime = inventory.findShowtime(showtimeId)
                .orElseThrow(() -> DomainException.notFound("inventory of showtime", request.getShowtimeId()));
        GetPresaleResponse.Builder response = GetPresaleResponse.newBuilder();
        boolean owner = caller.isOwnerOf(showtime.getOrganizationId().toString());
        dsl.selectFrom(PRESALES).where(PRESALES.SHOWTIME_ID.eq(showtimeId)).fetchOptional().ifPresent(row -> response.setPresale(
                proto(row, showtime.getSalesStart(), owner ? Optional.of(codes.counts(showtimeId)) : Optional.empty())));
        return response.build();
    }

    /** The shared codes in upper case, each once; every field at fault named at once. */
    private static List<String> sharedCodes(SetPresaleRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        if (!request.hasStartsAt()) {
            violations.add(new FieldViolation("starts_at", "is required with codes or issued_codes"));
        }
        Set<String> codes = new LinkedHashSet<>();
        for (int i = 0; i < request.getCodesCount(); i++) {
            String code = EnteredCodes.normalized(request.getCodes(i));
            if (!EnteredCodes.wellFormed(code)) {
                violations.add(new FieldViolation("codes[" + i + "]", "must be 3 to 32 letters, digits or dashes"));
            }
            codes.add(code);
        }
        if (!violations.isEmpty()) {
            throw DomainException.invalid(violations);
        }
        return List.copyOf(codes);
    }

    /** The presale; with the counts of its issued codes (for an OWNER), its shared codes and those counts. */
    private static Presale proto(PresalesRecord row, OffsetDateTime salesStart, Optional<PresaleCodes.Counts> issued) {
        Presale.Builder presale = Presale.newBuilder().setShowtimeId(row.getShowtimeId().toString())
                .setStartsAt(StoredTime.timestamp(row.getStartsAt())).setUpdatedAt(StoredTime.timestamp(row.getUpdatedAt()))
                .setIssuedCodes(row.getIssuedCodes());
        if (salesStart != null) {
            presale.setSalesStart(StoredTime.timestamp(salesStart));
        }
        issued.ifPresent(counts -> presale.addAllCodes(List.of(row.getCodes())).setCodesIssued(counts.issued())
                .setCodesUsed(counts.used()).setCodesWithdrawn(counts.withdrawn()));
        return presale.build();
    }
}
