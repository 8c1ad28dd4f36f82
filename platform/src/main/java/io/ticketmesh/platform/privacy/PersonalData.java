package io.ticketmesh.platform.privacy;

/**
 * What a service keeps of a customer that it erases once their account is closed: their name and address, never the
 * bookings, payments and tickets themselves. {@link AccountClosures} calls it in a transaction when the closing is
 * read, and again every minute for an hour after, so rows written later by work in flight at the closing (a booking's
 * saga issuing its tickets, an email of it logged) are erased too: another call must find nothing more to erase, and
 * change nothing else.
 */
public interface PersonalData {
    void erase(ClosedAccount account);
}
