package io.ticketmesh.workers.email;

import io.ticketmesh.platform.privacy.ClosedAccount;
import java.util.Locale;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Which rows of workers' tables a closed account's erasure takes: a row kept for a customer's account is that account's,
 * whatever address it went to; a row for no account (logged before rows named accounts, or mailed to an address without
 * one) is its address's. Another account's row to the same address is left alone: registering does not confirm an
 * address, so closing an account registered with someone else's address must not erase or cancel what is theirs.
 */
final class ClosedAccountRows {
    private ClosedAccountRows() {}

    static Condition of(ClosedAccount account, Field<String> recipient, Field<UUID> userId) {
        Condition toAddress = userId.isNull().and(DSL.lower(recipient).eq(account.email().toLowerCase(Locale.ROOT)));
        return account.userId().isEmpty() ? toAddress : toAddress.or(userId.eq(UUID.fromString(account.userId())));
    }
}
