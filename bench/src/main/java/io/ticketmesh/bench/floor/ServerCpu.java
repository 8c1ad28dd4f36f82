package io.ticketmesh.bench.floor;

import io.ticketmesh.bench.LoadRunner;
import io.ticketmesh.bench.Report;
import java.time.Duration;

/** The echo server's CPU over the measured window, as {@code cores_server}. */
final class ServerCpu implements LoadRunner.Window {
    private final ProcessHandle server;
    private volatile long openedNanos;
    private volatile Duration openedCpu;
    private volatile double cores = -1;

    ServerCpu(ProcessHandle server) {
        this.server = server;
    }

    @Override
    public void opened() {
        openedCpu = cpu();
        openedNanos = System.nanoTime();
    }

    @Override
    public void closed() {
        Duration closedCpu = cpu();
        if (openedCpu != null && closedCpu != null) {
            cores = closedCpu.minus(openedCpu).toNanos() / (double) (System.nanoTime() - openedNanos);
        }
    }

    private Duration cpu() {
        return server.info().totalCpuDuration().orElse(null);
    }

    void addTo(Report report) {
        if (cores >= 0) {
            report.put("cores_server", cores);
        }
    }
}
