package io.ticketmesh.booking.promo;

import io.ticketmesh.booking.client.CatalogClient;
import io.ticketmesh.booking.persistence.PromoCodeRepository;
import io.ticketmesh.booking.persistence.jooq.tables.records.PromoCodesRecord;
import io.ticketmesh.platform.auth.Caller;
import io.ticketmesh.platform.auth.CallerContext;
import io.ticketmesh.platform.error.DomainException;
import io.ticketmesh.platform.error.ErrorDetail;
import io.ticketmesh.platform.error.FailureKind;
import io.ticketmesh.platform.error.FieldViolation;
import io.ticketmesh.platform.idempotency.IdempotentRequests;
import io.ticketmesh.platform.paging.Cursor;
import io.ticketmesh.platform.paging.Page;
import io.ticketmesh.platform.persistence.StoredTime;
import io.ticketmesh.platform.validation.EnteredCodes;
import io.ticketmesh.platform.validation.UpdateMasks;
import io.ticketmesh.proto.booking.v1.CreatePromoCodeRequest;
import io.ticketmesh.proto.booking.v1.CreatePromoCodeResponse;
import io.ticketmesh.proto.booking.v1.ListPromoCodesRequest;
import io.ticketmesh.proto.booking.v1.ListPromoCodesResponse;
import io.ticketmesh.proto.booking.v1.PromoCode;
import io.ticketmesh.proto.booking.v1.UpdatePromoCodeRequest;
import io.ticketmesh.proto.booking.v1.UpdatePromoCodeResponse;
import io.ticketmesh.proto.common.v1.ErrorReason;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/** An organization's promotion codes: made, listed and changed by its OWNERs. */
@Service
public class PromoCodes {
    private final PromoCodeRepository codes;
    private final CatalogClient catalog;
    private final IdempotentRequests idempotent;
    private final TransactionTemplate transaction;

    public PromoCodes(PromoCodeRepository codes, CatalogClient catalog, IdempotentRequests idempotent, TransactionTemplate transaction) {
        this.codes = codes;
        this.catalog = catalog;
        this.idempotent = idempotent;
        this.transaction = transaction;
    }

    /**
     * A new code, checked whole (and its event asked of event-service) before the transaction that writes it opens, so
     * no connection waits on the catalog; a retry is answered first, as the first call was.
     */
    public CreatePromoCodeResponse create(CreatePromoCodeRequest request) {
        Caller caller = CallerContext.authenticated();
        caller.requireOwner(request.getOrganizationId());
        Optional<CreatePromoCodeResponse> answered = idempotent.previous(request.getRequestId(), request, CreatePromoCodeResponse.parser());
        if (answered.isPresent()) {
            return answered.get();
        }
        PromoCode wanted = request.getPromoCode();
        String code = EnteredCodes.normalized(wanted.getCode());
        refuseInvalid(wanted, code);
        if (!wanted.getEventId().isEmpty()) {
            refuseOtherEvents(wanted.getEventId(), request.getOrganizationId());
        }
        return transaction.execute(status -> idempotent.once(request.getRequestId(), request, CreatePromoCodeResponse.parser(), () -> {
            PromoCodesRecord row = codes.newCode();
            row.setId(UUID.randomUUID());
            row.setOrganizationId(UUID.fromString(request.getOrganizationId()));
            row.setCode(code);
            if (wanted.hasAmountOff()) {
                row.setAmountOffMinor(wanted.getAmountOff().getAmountMinor());
                row.setCurrency(wanted.getAmountOff().getCurrency());
            } else {
                row.setPercentOff(wanted.getPercentOff());
            }
            row.setEventId(wanted.getEventId().isEmpty() ? null : UUID.fromString(wanted.getEventId()));
            row.setTiers(wanted.getTiersList().toArray(String[]::new));
            row.setStartsAt(wanted.hasStartsAt() ? StoredTime.of(wanted.getStartsAt()) : null);
            row.setEndsAt(wanted.hasEndsAt() ? StoredTime.of(wanted.getEndsAt()) : null);
            row.setMaxRedemptions(wanted.getMaxRedemptions());
            row.setMaxRedemptionsPerCustomer(wanted.getMaxRedemptionsPerCustomer());
            row.setDisabled(wanted.getDisabled());
            row.setCreatedBy(caller.userId());
            row.setCreatedAt(StoredTime.now());
            row.setUpdatedAt(row.getCreatedAt());
            try {
                row.insert();
            } catch (DuplicateKeyException e) {
                throw new DomainException(FailureKind.ALREADY_EXISTS, ErrorReason.ERROR_REASON_ALREADY_EXISTS,
                        "the organization has a promotion code " + code + " already").with(ErrorDetail.PROMO_CODE, code);
            }
            return CreatePromoCodeResponse.newBuilder().setPromoCode(PromoCodeProtos.promoCode(row, 0)).build();
        }));
    }

    @Transactional(readOnly = true)
    public ListPromoCodesResponse list(ListPromoCodesRequest request) {
        CallerContext.authenticated().requireOwner(request.getOrganizationId());
        int size = request.getPageSize() == 0 ? 20 : request.getPageSize();
        var read = codes.ofOrganization(UUID.fromString(request.getOrganizationId()), Cursor.parse(request), size + 1);
        var page = Page.of(read, size, code -> Cursor.of(code.getCreatedAt(), code.getId()), request);
        Map<UUID, Integer> uses = codes.uses(page.rows().stream().map(PromoCodesRecord::getId).toList());
        ListPromoCodesResponse.Builder response = ListPromoCodesResponse.newBuilder().setNextPageToken(page.nextToken());
        page.rows().forEach(code -> response.addPromoCodes(PromoCodeProtos.promoCode(code, uses.getOrDefault(code.getId(), 0))));
        return response.build();
    }

    @Transactional
    public UpdatePromoCodeResponse update(UpdatePromoCodeRequest request) {
        String id = request.getPromoCode().getPromoCodeId();
        UUID codeId = parseId(id);
        PromoCodesRecord row = codes.findForUpdate(codeId).orElseThrow(() -> DomainException.notFound("promo code", id));
        CallerContext.authenticated().requireOwner(row.getOrganizationId().toString());
        UpdateMasks.requireEditable(request.getUpdateMask(), PromoCode.getDescriptor(), "a code's discount and what it is for are fixed once customers may use it");
        return idempotent.once(request.getRequestId(), request, UpdatePromoCodeResponse.parser(), () -> {
            PromoCode changes = request.getPromoCode();
            List<String> paths = request.getUpdateMask().getPathsList();
            if (paths.contains("disabled")) {
                row.setDisabled(changes.getDisabled());
            }
            if (paths.contains("ends_at")) {
                row.setEndsAt(changes.hasEndsAt() ? StoredTime.of(changes.getEndsAt()) : null);
            }
            if (paths.contains("max_redemptions")) {
                row.setMaxRedemptions(changes.getMaxRedemptions());
            }
            if (paths.contains("max_redemptions_per_customer")) {
                row.setMaxRedemptionsPerCustomer(changes.getMaxRedemptionsPerCustomer());
            }
            refuseInvalidLimits(row.getStartsAt(), row.getEndsAt(), row.getMaxRedemptions(), row.getMaxRedemptionsPerCustomer(), new ArrayList<>());
            row.setUpdatedAt(StoredTime.now());
            row.store();
            int uses = codes.uses(List.of(codeId)).getOrDefault(codeId, 0);
            return UpdatePromoCodeResponse.newBuilder().setPromoCode(PromoCodeProtos.promoCode(row, uses)).build();
        });
    }

    private void refuseOtherEvents(String eventId, String organizationId) {
        String organizer;
        try {
            organizer = catalog.organizationOfEvent(eventId);
        } catch (DomainException e) {
            if (e.kind() != FailureKind.NOT_FOUND) {
                throw e;
            }
            organizer = "";
        }
        if (!organizer.equals(organizationId)) {
            throw DomainException.invalid("promo_code.event_id", "names no event of this organization");
        }
    }

    /** Every field violation of a new code at once. */
    private static void refuseInvalid(PromoCode wanted, String code) {
        List<FieldViolation> violations = new ArrayList<>();
        if (!EnteredCodes.wellFormed(code)) {
            violations.add(new FieldViolation("promo_code.code", "must be 3 to 32 letters, digits or dashes"));
        }
        switch (wanted.getDiscountCase()) {
            case PERCENT_OFF -> {
                if (wanted.getPercentOff() < 1 || wanted.getPercentOff() > 100) {
                    violations.add(new FieldViolation("promo_code.percent_off", "must be 1 to 100"));
                }
            }
            case AMOUNT_OFF -> {
                if (wanted.getAmountOff().getAmountMinor() <= 0) {
                    violations.add(new FieldViolation("promo_code.amount_off.amount_minor", "must be more than zero"));
                }
                if (!wanted.getAmountOff().getCurrency().matches("^[A-Z]{3}$")) {
                    violations.add(new FieldViolation("promo_code.amount_off.currency", "must be an ISO 4217 code, e.g. EUR"));
                }
            }
            case DISCOUNT_NOT_SET -> violations.add(new FieldViolation("promo_code.percent_off", "a percent_off or an amount_off is required"));
        }
        if (!wanted.getEventId().isEmpty() && !isId(wanted.getEventId())) {
            violations.add(new FieldViolation("promo_code.event_id", "must be a UUID"));
        }
        Set<String> tiers = new HashSet<>();
        for (String tier : wanted.getTiersList()) {
            if (tier.isBlank() || tier.length() > 64 || !tiers.add(tier)) {
                violations.add(new FieldViolation("promo_code.tiers", "must be distinct tier names of 1 to 64 characters"));
                break;
            }
        }
        OffsetDateTime endsAt = wanted.hasEndsAt() ? StoredTime.of(wanted.getEndsAt()) : null;
        if (endsAt != null && endsAt.isBefore(OffsetDateTime.now())) {
            violations.add(new FieldViolation("promo_code.ends_at", "is in the past"));
        }
        refuseInvalidLimits(wanted.hasStartsAt() ? StoredTime.of(wanted.getStartsAt()) : null, endsAt, wanted.getMaxRedemptions(),
                wanted.getMaxRedemptionsPerCustomer(), violations);
    }

    private static void refuseInvalidLimits(OffsetDateTime startsAt, OffsetDateTime endsAt, int max, int maxPerCustomer,
                                            List<FieldViolation> violations) {
        if (startsAt != null && endsAt != null && !endsAt.isAfter(startsAt)) {
            violations.add(new FieldViolation("promo_code.ends_at", "must be after starts_at"));
        }
        if (max < 0) {
            violations.add(new FieldViolation("promo_code.max_redemptions", "must be 0 (no limit) or more"));
        }
        if (maxPerCustomer < 0) {
            violations.add(new FieldViolation("promo_code.max_redemptions_per_customer", "must be 0 (no limit) or more"));
        }
        if (!violations.isEmpty()) {
            throw DomainException.invalid(violations);
        }
    }

    private static UUID parseId(String id) {
        if (!isId(id)) {
            throw DomainException.invalid("promo_code.promo_code_id", "must be a UUID");
        }
        return UUID.fromString(id);
    }

    private static boolean isId(String id) {
        return id.matches("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    }
}
