package io.ticketmesh.platform.error;

import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.ticketmesh.proto.common.v1.ErrorReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A failed gRPC call read back into data: status code, stable reason, metadata and field violations. Clients
 * (the gateway, saga participants) switch on {@link #reason()}, never on the message.
 */
public record RemoteError(Status.Code code, ErrorReason reason, String message, Map<String, String> metadata,
                          List<FieldViolation> violations) {

    public static RemoteError of(StatusRuntimeException e) {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        ErrorReason reason = ErrorReason.ERROR_REASON_UNSPECIFIED;
        Map<String, String> metadata = Map.of();
        List<FieldViolation> violations = new ArrayList<>();
        if (status != null) {
            for (var detail : status.getDetailsList()) {
                try {
                    if (detail.is(ErrorInfo.class)) {
                        ErrorInfo info = detail.unpack(ErrorInfo.class);
                        reason = ErrorReasons.fromWireName(info.getReason());
                        metadata = info.getMetadataMap();
                    } else if (detail.is(BadRequest.class)) {
                        detail.unpack(BadRequest.class).getFieldViolationsList()
                                .forEach(v -> violations.add(new FieldViolation(v.getField(), v.getDescription())));
                    }
                } catch (com.google.protobuf.InvalidProtocolBufferException ignored) {
                    // a malformed detail is ignored; the status code still stands
                }
            }
        }
        String message = e.getStatus().getDescription();
        return new RemoteError(e.getStatus().getCode(), reason, message == null ? "" : message, metadata, List.copyOf(violations));
    }
}
