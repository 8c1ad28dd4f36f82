package io.ticketmesh.bench.floor;

import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.Executors;

/**
 * The floor scenario's server, a JVM of its own as a service is: one unary method that answers every request with
 * a fixed number of bytes, and nothing else (no interceptors, no observation, no token, no database). Started by
 * {@link GrpcFloor} with the port, {@code direct} or {@code virtual} (gRPC's calls run on the transport's thread,
 * or each on a virtual thread as the services run them) and the answer's size; it prints {@code ready} once it
 * listens and exits when its standard input closes, so it never outlives the bench.
 */
public final class EchoServer {
    /** The first argument that has {@link io.ticketmesh.bench.Bench} run this instead of a scenario. */
    public static final String BENCH_COMMAND = "floor-server";

    /** The one method: bytes in, bytes out. */
    static final MethodDescriptor<byte[], byte[]> ECHO = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("ticketmesh.bench.Floor/Echo")
            .setRequestMarshaller(Bytes.MARSHALLER).setResponseMarshaller(Bytes.MARSHALLER).build();

    private EchoServer() {}

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        boolean virtual = args[1].equals("virtual");
        byte[] answer = new byte[Integer.parseInt(args[2])];
        Arrays.fill(answer, (byte) 'x');
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port))
                .addService(ServerServiceDefinition.builder("ticketmesh.bench.Floor")
                        .addMethod(ECHO, ServerCalls.asyncUnaryCall((request, response) -> {
                            response.onNext(answer);
                            response.onCompleted();
                        })).build());
        if (virtual) {
            builder.executor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("grpc-call-", 0).factory()));
        } else {
            builder.directExecutor();
        }
        Server server = builder.build().start();
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            // the bench holds our standard input open while it needs us
        }
        server.shutdownNow();
    }

    /** Messages as plain bytes, so the floor measures the call and not a codec. */
    static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {
        static final Bytes MARSHALLER = new Bytes();

        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
