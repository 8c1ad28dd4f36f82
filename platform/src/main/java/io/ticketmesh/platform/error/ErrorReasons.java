package io.ticketmesh.platform.error;

import io.ticketmesh.proto.common.v1.ErrorReason;

/** Converts between {@link ErrorReason} and the reason string carried in {@code google.rpc.ErrorInfo}. */
public final class ErrorReasons {
    /** ErrorInfo.domain of every Ticketmesh error. */
    public static final String DOMAIN = "ticketmesh.io";
    private static final String PREFIX = "ERROR_REASON_";

    private ErrorReasons() {}

    /** {@code ERROR_REASON_SEAT_UNAVAILABLE} becomes {@code SEAT_UNAVAILABLE}. */
    public static String wireName(ErrorReason reason) {
        return reason.name().substring(PREFIX.length());
    }

    /** The reason named on the wire, or UNSPECIFIED for one this build does not know. */
    public static ErrorReason fromWireName(String name) {
        try {
            return ErrorReason.valueOf(PREFIX + name);
        } catch (IllegalArgumentException | NullPointerException e) {
            return ErrorReason.ERROR_REASON_UNSPECIFIED;
        }
    }
}
