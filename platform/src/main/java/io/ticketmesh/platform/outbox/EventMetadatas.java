package io.ticketmesh.platform.outbox;

import com.google.protobuf.util.Timestamps;
import io.ticketmesh.platform.context.RequestContext;
import io.ticketmesh.proto.common.v1.EventMetadata;
import java.util.UUID;

/** Makes the {@link EventMetadata} that starts every event: a fresh id, now, the aggregate and its version. */
public final class EventMetadatas {
    private EventMetadatas() {}

    public static EventMetadata next(String aggregateId, long aggregateVersion) {
        EventMetadata.Builder metadata = EventMetadata.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Timestamps.fromMillis(System.currentTimeMillis()))
                .setAggregateId(aggregateId)
                .setAggregateVersion(aggregateVersion);
        String requestId = RequestContext.currentRequestIdOrNull();
        if (requestId != null) {
            metadata.setRequestId(requestId);
        }
        return metadata.build();
    }
}
