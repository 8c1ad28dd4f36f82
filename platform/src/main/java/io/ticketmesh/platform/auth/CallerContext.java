package io.ticketmesh.platform.auth;

import io.grpc.Context;

/** Where service code finds the {@link Caller} of the gRPC call it is serving. */
public final class CallerContext {
    static final Context.Key<Caller> KEY = Context.keyWithDefault("ticketmesh-caller", Caller.ANONYMOUS);

    private CallerContext() {}

    /** The caller of the current call; {@link Caller#ANONYMOUS} when no token was sent. */
    public static Caller current() {
        return KEY.get();
    }

    /** The signed-in caller; fails with UNAUTHENTICATED for an anonymous one. */
    public static Caller authenticated() {
        return current().requireAuthenticated();
    }

    /** Runs work as the given caller (for tests and for work started outside a call). */
    public static Context with(Caller caller) {
        return Context.current().withValue(KEY, caller);
    }
}
