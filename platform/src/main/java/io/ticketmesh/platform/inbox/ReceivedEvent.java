package io.ticketmesh.platform.inbox;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.ticketmesh.platform.outbox.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** A Ticketmesh event read from Kafka: its CloudEvents id and type, key, headers and proto payload. */
public record ReceivedEvent(UUID id, String type, String key, Map<String, String> headers, byte[] payload) {

    /** Reads a record written by the outbox relay; fails for a record without {@code ce_id} or {@code ce_type}. */
    public static ReceivedEvent of(ConsumerRecord<String, byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        String id = headers.get(CloudEventHeaders.ID);
        String type = headers.get(CloudEventHeaders.TYPE);
        if (id == null || type == null) {
            throw new IllegalArgumentException("record at " + record.topic() + "/" + record.partition() + "@"
                    + record.offset() + " is not a CloudEvent (no ce_id or ce_type)");
        }
        return new ReceivedEvent(UUID.fromString(id), type, record.key(), Map.copyOf(headers), record.value());
    }

    /** Whether the payload is of the given proto message type, e.g. {@code is(BookingConfirmed.getDescriptor())}. */
    public boolean is(com.google.protobuf.Descriptors.Descriptor descriptor) {
        return type.equals(descriptor.getFullName());
    }

    /** Parses the payload, e.g. {@code event.payload(BookingConfirmed.parser())}. */
    public <T extends Message> T payload(Parser<T> parser) {
        try {
            return parser.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("event " + id + " of type " + type + " does not parse", e);
        }
    }

    public String requestId() {
        return headers.get(CloudEventHeaders.REQUEST_ID);
    }
}
