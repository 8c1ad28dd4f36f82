package io.ticketmesh.workers.api;

import static io.ticketmesh.platform.grpc.UnaryCalls.answer;

import io.grpc.stub.StreamObserver;
import io.ticketmesh.platform.auth.CallerContext;
import io.ticketmesh.proto.notification.v1.ExportNotificationsRequest;
import io.ticketmesh.proto.notification.v1.ExportNotificationsResponse;
import io.ticketmesh.proto.notification.v1.NotificationServiceGrpc;
import io.ticketmesh.workers.email.CustomerNotifications;
import org.springframework.stereotype.Service;

/** NotificationService over gRPC: what workers keep of the calling customer. */
@Service
public class NotificationGrpcService extends NotificationServiceGrpc.NotificationServiceImplBase {
    private final CustomerNotifications notifications;

    public NotificationGrpcService(CustomerNotifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public void exportNotifications(ExportNotificationsRequest request, StreamObserver<ExportNotificationsResponse> response) {
        answer(request, ignored -> notifications.export(CallerContext.authenticated()), response);
    }
}
