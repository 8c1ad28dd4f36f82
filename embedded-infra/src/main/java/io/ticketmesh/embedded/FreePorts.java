package io.ticketmesh.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds loopback ports nobody listens on, for servers that cannot pick their own. */
public final class FreePorts {
    private FreePorts() {}

    /** A port that was free a moment ago on 127.0.0.1. */
    public static int next() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /** The given port, or a free one when it is 0. */
    public static int orNext(int port) {
        return port == 0 ? next() : port;
    }
}
