package io.ticketmesh.platform.outbox;

import com.google.protobuf.util.Timestamps;
import io.ticketmesh.platform.context.RequestContext;
import io.ticketmesh.proto.common.v1.EventMetadata;
import java.util.UUID;

/** Makes the {@link EventMetadata} that starts every event: a fresh id, now, the aggregate and its version. */
public final class EventMetadatas {
    private EventMetadatas() {}

    public static EventMetadata next(String aggregateId, long aggregateVersion) {
        return next(aggregateId, aggregateVersion, RequestContext.currentRequestIdOrNull());
    }

    /** As {@link #next(String, long)}, for a change made on behalf of a request other than the current one. */
    public static EventMetadata next(String aggregateId, long aggregateVersion, String requestId) {
        EventMetadata.Builder metadata = EventMetadata.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Timestamps.fromMillis(System.currentTimeMillis()))
                .setAggregateId(aggregateId)
                .setAggregateVersion(aggregateVersion);
        if (requestId != null) {
            metadata.setRequestId(requestId);
        }
        return metadata.build();
    }
}
