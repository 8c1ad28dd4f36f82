package io.ticketmesh.platform.outbox;

/**
 * Kafka record headers of Ticketmesh events: CloudEvents 1.0 in binary mode plus trace and request ids.
 * The payload is the serialized proto message named by {@code ce_type}.
 */
public final class CloudEventHeaders {
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";
    public static final String PROTOBUF = "application/protobuf";
    public static final String TRACEPARENT = "traceparent";
    public static final String REQUEST_ID = "x-request-id";

    private CloudEventHeaders() {}
}
