package io.ticketmesh.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import redis.embedded.RedisServer;

/** A real redis-server (6.2, shipped in a Maven artifact) on loopback, without persistence. */
public final class EmbeddedRedisServer implements AutoCloseable {
    private final RedisServer server;
    private final int port;

    private EmbeddedRedisServer(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts a server; port 0 picks a free one. */
    public static EmbeddedRedisServer start(int port) {
        int chosen = FreePorts.orNext(port);
        try {
            RedisServer server = RedisServer.newRedisServer()
                    .port(chosen)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("maxmemory 512mb")
                    .onShutdownForceStop(true)
                    .build();
            server.start();
            return new EmbeddedRedisServer(server, chosen);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded Redis did not start on port " + chosen, e);
        }
    }

    public int port() {
        return port;
    }

    public boolean isRunning() {
        return server.isActive();
    }

    /** Stops the server; tests use it to show that holds survive a Redis outage. */
    public void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Holds every client's commands for a while ({@code CLIENT PAUSE}), as an overloaded or unreachable Redis would,
     * keeping its data; tests use it to show what happens to claims made before an outage.
     */
    public void pause(Duration duration) {
        String millis = Long.toString(duration.toMillis());
        String command = "*3\r\n$6\r\nCLIENT\r\n$5\r\nPAUSE\r\n$" + millis.length() + "\r\n" + millis + "\r\n";
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write(command.getBytes(StandardCharsets.US_ASCII));
            byte[] reply = new byte[5];
            int read = socket.getInputStream().readNBytes(reply, 0, reply.length);
            if (!new String(reply, 0, read, StandardCharsets.US_ASCII).equals("+OK\r\n")) {
                throw new IllegalStateException("Redis refused CLIENT PAUSE: " + new String(reply, 0, read, StandardCharsets.US_ASCII));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts it again on the same port after {@link #stop()}. */
    public void restart() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (server.isActive()) {
            stop();
        }
    }
}
