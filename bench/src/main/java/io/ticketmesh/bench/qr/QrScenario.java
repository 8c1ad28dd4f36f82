package io.ticketmesh.bench.qr;

import io.ticketmesh.bench.LoadRunner;
import io.ticketmesh.bench.Options;
import io.ticketmesh.bench.Report;
import io.ticketmesh.bench.Scenario;
import io.ticketmesh.platform.qr.QrImages;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code qr}: drawing a ticket's QR code as the tickets mail does ({@code QrImages.png} at 320 pixels, the read-back
 * and the PNG included), with nothing else running. Each call draws a new code of a ticket's shape and length
 * ({@code TM1.<kid>.<claims>.<signature>}: five claims base64url, an Ed25519 signature's 64 bytes), so no code is
 * drawn twice. Needs only a build. {@code cpu_ms_per_code} is the drawing threads' own CPU time a code, the cost the
 * workers pay for each ticket they mail.
 */
public final class QrScenario implements Scenario {
    private static final int MAIL_PIXELS = 320;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public Report run(Options options) throws Exception {
        int threads = options.integer("threads", 1);
        Duration warmup = Duration.ofSeconds(options.integer("warmup-s", 5));
        Duration measured = Duration.ofSeconds(options.integer("duration-s", 15));
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        AtomicLong cpuNanos = new AtomicLong();
        AtomicLong pngBytes = new AtomicLong();
        AtomicBoolean measuring = new AtomicBoolean();
        LoadRunner.Window window = new LoadRunner.Window() {
            @Override
            public void opened() {
                measuring.set(true);
            }

            @Override
            public void closed() {
                measuring.set(false);
            }
        };
        LoadRunner.Result result = LoadRunner.run(threads, warmup, measured, client -> () -> {
            String payload = ticketPayload();
            boolean counted = measuring.get(); // as LoadRunner counts a call: by when it started
            long started = cpu.getCurrentThreadCpuTime();
            byte[] png = QrImages.png(payload, MAIL_PIXELS);
            if (counted) {
                cpuNanos.addAndGet(cpu.getCurrentThreadCpuTime() - started);
                pngBytes.addAndGet(png.length);
            }
            return "png";
        }, window);
        LoadRunner.Latencies all = result.all();
        long codes = Math.max(1, all.count());
        return new Report("qr", "a ticket's QR code drawn as a 320-pixel PNG (read back first), " + threads + " thread(s)")
                .put("duration_s", result.durationSeconds()).put("threads", threads).put("payload_chars", ticketPayload().length())
                .put("codes_per_s", result.perSecond()).put("p50_ms", all.percentileMillis(50)).put("p99_ms", all.percentileMillis(99))
                .put("cpu_ms_per_code", cpuNanos.get() / 1e6 / codes).put("png_bytes", pngBytes.get() / codes)
                .put("errors", result.errors()).put("first_error", String.valueOf(result.firstError()));
    }

    /** A made-up code of a real one's shape: ticket, showtime, seat and holder ids and the issue time, and a signature. */
    public static String ticketPayload() {
        String claims = String.join("|", UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), Long.toString(Instant.now().getEpochSecond()));
        byte[] signature = new byte[64];
        RANDOM.nextBytes(signature);
        Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
        return "TM1.qr-" + Integer.toHexString(RANDOM.nextInt()) + "." + base64url.encodeToString(claims.getBytes(StandardCharsets.UTF_8))
                + "." + base64url.encodeToString(signature);
    }
}
