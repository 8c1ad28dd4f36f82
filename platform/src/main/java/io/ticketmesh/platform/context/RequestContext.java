package io.ticketmesh.platform.context;

import io.grpc.Context;
import io.grpc.Metadata;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The request id of the work in progress. It arrives as {@code x-request-id} metadata (or header), is created when
 * absent, travels with every outgoing gRPC call and Kafka event, appears in every log line ({@code request_id}),
 * and is sent back to the caller.
 */
public final class RequestContext {
    public static final String HEADER = "x-request-id";
    public static final Metadata.Key<String> METADATA_KEY = Metadata.Key.of(HEADER, Metadata.ASCII_STRING_MARSHALLER);
    public static final String MDC_KEY = "request_id";
    static final Context.Key<String> CONTEXT_KEY = Context.key("ticketmesh-request-id");
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestContext() {}

    /** The current request id: from the gRPC context, else the log context, else a fresh one. */
    public static String currentRequestId() {
        String fromContext = CONTEXT_KEY.get();
        if (fromContext != null) {
            return fromContext;
        }
        String fromMdc = MDC.get(MDC_KEY);
        return fromMdc != null ? fromMdc : newRequestId();
    }

    /** The current request id, or null outside of any request. */
    public static String currentRequestIdOrNull() {
        String fromContext = CONTEXT_KEY.get();
        return fromContext != null ? fromContext : MDC.get(MDC_KEY);
    }

    /** Accepts a caller's id if it is sane, otherwise makes a new one (ids end up in logs and headers). */
    public static String acceptOrCreate(String candidate) {
        return candidate != null && ACCEPTABLE.matcher(candidate).matches() ? candidate : newRequestId();
    }

    public static String newRequestId() {
        return UUID.randomUUID().toString();
    }

    /** A context carrying the request id, for code that starts work outside a gRPC call (Kafka consumers, jobs). */
    public static Context withRequestId(String requestId) {
        return Context.current().withValue(CONTEXT_KEY, requestId);
    }

    /** The key, for code that builds a context with several values (the gateway's per-request context). */
    public static Context.Key<String> contextKey() {
        return CONTEXT_KEY;
    }
}
