package io.ticketmesh.ticket.hold;

/** When a hold may be made, by what let it through. */
public enum SalesWindow {
    /** From the showtime's sales start to its sales end. */
    GENERAL,
    /** Also before the sales start: the hold has a code of the showtime's running presale. */
    PRESALE,
    /** From the showtime's publication to its start: the organization's staff selling at the venue's box office. */
    BOX_OFFICE
}
