package io.ticketmesh.platform.privacy;

import java.time.OffsetDateTime;

/**
 * Personal data a service keeps for no account, so no closing ({@link PersonalData}) would ever erase it: a box office
 * buyer's name and address, the mail log's addresses. {@link PersonalDataRetention} erases what was kept longer than
 * the retention, a batch at a time.
 */
@FunctionalInterface
public interface ExpiringPersonalData {
    /**
     * Erases up to {@code limit} of the entries kept since before {@code cutoff} (deletes them, or blanks their name and
     * address) in one statement; answers how many. An entry erased is not counted again.
     */
    int eraseKeptBefore(OffsetDateTime cutoff, int limit);
}
