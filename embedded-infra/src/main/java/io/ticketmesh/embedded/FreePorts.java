package io.ticketmesh.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds ports nobody listens on, for servers that cannot pick their own. Ports come from below Linux's ephemeral
 * range (32768 and up): a port the kernel hands out for "any free port" is also one it hands to outgoing
 * connections, so between being found and being bound it could be taken by a client socket of the same test run.
 * A port is handed out once per process.
 */
public final class FreePorts {
    private static final int FIRST = 20_000;
    private static final int LAST = 32_000;
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    private FreePorts() {}

    /** A port that was free a moment ago on every address. */
    public static int next() {
        for (int attempt = 0; attempt < 1_000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(FIRST, LAST + 1);
            if (!GIVEN.contains(port) && bindable(port) && GIVEN.add(port)) {
                return port;
            }
        }
        throw new UncheckedIOException(new IOException("no free port between " + FIRST + " and " + LAST));
    }

    /** The given port, or a free one when it is 0. */
    public static int orNext(int port) {
        return port == 0 ? next() : port;
    }

    private static boolean bindable(int port) {
        try (ServerSocket wildcard = new ServerSocket();
             ServerSocket loopback = new ServerSocket()) {
            wildcard.bind(new InetSocketAddress(port), 1);
            wildcard.close();
            loopback.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
