package io.ticketmesh.bench.floor;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCalls;
import io.ticketmesh.bench.GrpcFutures;
import io.ticketmesh.bench.LoadRunner;
import io.ticketmesh.bench.Options;
import io.ticketmesh.bench.Report;
import io.ticketmesh.bench.local.ServiceMeters;
import io.ticketmesh.embedded.FreePorts;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The floor of a gRPC call ({@code --call grpc}): what one bare unary call costs on this machine. A server JVM of
 * its own ({@link EchoServer}) answers a unary method with a fixed number of bytes; the clients call it as the holds
 * and bookings scenarios call the services ({@link LoadRunner#runAsync}, each next call sent from the thread that got
 * the last answer), but over one connection per core ({@code --connections}), since one connection's transport thread,
 * a single core, is what would otherwise bound a call this cheap. Nothing else runs in the call: no interceptor, no
 * token, no observation, no database.
 */
final class GrpcFloor {
    /** The sizes of a holds scenario's HoldSeats request and answer, near enough (two seats). */
    private static final int REQUEST_BYTES = 150;
    private static final int ANSWER_BYTES = 500;

    private GrpcFloor() {}

    static Report run(Options options, Duration warmup, Duration measured) throws Exception {
        int clients = options.integer("clients", 64);
        String executor = options.choice("executor", "virtual", "direct");
        int connections = options.integer("connections", Runtime.getRuntime().availableProcessors());
        int port = FreePorts.next();
        Process server = startServer(port, executor);
        List<ManagedChannel> channels = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            channels.add(GrpcFutures.channel("127.0.0.1", port));
        }
        try {
            byte[] request = new byte[REQUEST_BYTES];
            // each connection made, and the server's first call answered, before the clock starts: a loaded machine
            // could otherwise spend a short run's warm-up and measurement on them and count no call at all
            for (ManagedChannel channel : channels) {
                ClientCalls.blockingUnaryCall(channel, EchoServer.ECHO, CallOptions.DEFAULT.withDeadlineAfter(60, TimeUnit.SECONDS),
                        request);
            }
            ServerCpu serverCpu = new ServerCpu(server.toHandle());
            ServiceMeters meters = new ServiceMeters("127.0.0.1", List.of());
            LoadRunner.Result result = LoadRunner.runAsync(clients, warmup, measured, client -> () ->
                    GrpcFutures.of(ClientCalls.futureUnaryCall(channels.get(client % connections).newCall(EchoServer.ECHO,
                            CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS)), request)).thenApply(answer -> "echo"),
                    LoadRunner.Window.all(meters, serverCpu));
            Report report = FloorScenario.report("grpc", "a bare unary gRPC call (" + REQUEST_BYTES + " bytes in, " + ANSWER_BYTES
                    + " out) to a server JVM on this machine, " + clients + " clients on " + connections
                    + " connections, server calls on " + executor + " threads", clients, result)
                    .put("connections", connections).put("executor", executor);
            meters.addTo(report);
            serverCpu.addTo(report);
            return report;
        } finally {
            channels.forEach(ManagedChannel::shutdownNow);
            server.getOutputStream().close();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    /** The echo server's JVM, with the services' JVM options, started from the bench's own jar or class path. */
    private static Process startServer(int port, String executor) throws IOException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:+UseSerialGC", "-Xmx320m"));
        String classPath = System.getProperty("java.class.path");
        if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
            command.addAll(List.of("-jar", classPath));
        } else {
            command.addAll(List.of("-cp", classPath, "io.ticketmesh.bench.Bench"));
        }
        command.addAll(List.of(EchoServer.BENCH_COMMAND, String.valueOf(port), executor, String.valueOf(ANSWER_BYTES)));
        Process server = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        var output = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line = output.readLine();
        if (!"ready".equals(line)) {
            server.destroyForcibly();
            throw new IOException("the echo server did not start (it said " + line + ")");
        }
        return server;
    }
}
