package io.ticketmesh.platform.error;

/**
 * What kind of failure a {@link DomainException} is. Mapped once to a gRPC status code by {@link GrpcErrors},
 * so domain code never imports io.grpc.
 */
public enum FailureKind {
    INVALID_ARGUMENT,
    NOT_FOUND,
    ALREADY_EXISTS,
    PERMISSION_DENIED,
    UNAUTHENTICATED,
    /** The resource is not in a state that allows the call; retrying will not help until it changes. */
    FAILED_PRECONDITION,
    /** A concurrency conflict (a seat taken, a key reused); the caller may retry with other input. */
    ABORTED,
    RESOURCE_EXHAUSTED,
    /** A dependency is down; retrying the same call later may work. */
    UNAVAILABLE
}
