package io.ticketmesh.event.api;

import static io.ticketmesh.platform.grpc.UnaryCalls.answer;

import io.grpc.stub.StreamObserver;
import io.ticketmesh.event.domain.VenueCatalog;
import io.ticketmesh.proto.event.v1.CreateVenueRequest;
import io.ticketmesh.proto.event.v1.CreateVenueResponse;
import io.ticketmesh.proto.event.v1.GetVenueRequest;
import io.ticketmesh.proto.event.v1.GetVenueResponse;
import io.ticketmesh.proto.event.v1.ListVenuesRequest;
import io.ticketmesh.proto.event.v1.ListVenuesResponse;
import io.ticketmesh.proto.event.v1.UpdateVenueRequest;
import io.ticketmesh.proto.event.v1.UpdateVenueResponse;
import io.ticketmesh.proto.event.v1.VenueServiceGrpc;
import org.springframework.stereotype.Service;

/** VenueService over gRPC. Requests arrive authenticated and validated; failures are mapped by the platform. */
@Service
public class VenueGrpcService extends VenueServiceGrpc.VenueServiceImplBase {
    private final VenueCatalog catalog;

    public VenueGrpcService(VenueCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void createVenue(CreateVenueRequest request, StreamObserver<CreateVenueResponse> response) {
        answer(request, catalog::create, response);
    }

    @Override
    public void updateVenue(UpdateVenueRequest request, StreamObserver<UpdateVenueResponse> response) {
        answer(request, catalog::update, response);
    }

    @Override
    public void getVenue(GetVenueRequest request, StreamObserver<GetVenueResponse> response) {
        answer(request, catalog::get, response);
    }

    @Override
    public void listVenues(ListVenuesRequest request, StreamObserver<ListVenuesResponse> response) {
        answer(request, catalog::list, response);
    }
}
