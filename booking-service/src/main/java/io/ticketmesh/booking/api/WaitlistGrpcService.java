package io.ticketmesh.booking.api;

import static io.ticketmesh.platform.grpc.UnaryCalls.answer;

import io.grpc.stub.StreamObserver;
import io.ticketmesh.booking.waitlist.Waitlists;
import io.ticketmesh.proto.waitlist.v1.GetEntryRequest;
import io.ticketmesh.proto.waitlist.v1.GetEntryResponse;
import io.ticketmesh.proto.waitlist.v1.JoinRequest;
import io.ticketmesh.proto.waitlist.v1.JoinResponse;
import io.ticketmesh.proto.waitlist.v1.LeaveRequest;
import io.ticketmesh.proto.waitlist.v1.LeaveResponse;
import io.ticketmesh.proto.waitlist.v1.ListEntriesRequest;
import io.ticketmesh.proto.waitlist.v1.ListEntriesResponse;
import io.ticketmesh.proto.waitlist.v1.WaitlistServiceGrpc;
import org.springframework.stereotype.Service;

/** WaitlistService over gRPC. */
@Service
public class WaitlistGrpcService extends WaitlistServiceGrpc.WaitlistServiceImplBase {
    private final Waitlists waitlists;

    public WaitlistGrpcService(Waitlists waitlists) {
        this.waitlists = waitlists;
    }

    @Override
    public void join(JoinRequest request, StreamObserver<JoinResponse> response) {
        answer(request, waitlists::join, response);
    }

    @Override
    public void leave(LeaveRequest request, StreamObserver<LeaveResponse> response) {
        answer(request, waitlists::leave, response);
    }

    @Override
    public void getEntry(GetEntryRequest request, StreamObserver<GetEntryResponse> response) {
        answer(request, waitlists::get, response);
    }

    @Override
    public void listEntries(ListEntriesRequest request, StreamObserver<ListEntriesResponse> response) {
        answer(request, waitlists::list, response);
    }
}
