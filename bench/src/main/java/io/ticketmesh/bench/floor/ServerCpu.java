package io.ticketmesh.bench.floor;

import io.ticketmesh.bench.Report;
import io.ticketmesh.bench.local.SnapshotWindow;
import java.time.Duration;

/** The echo server's CPU over the measured window, as {@code cores_server}. */
final class ServerCpu extends SnapshotWindow<ServerCpu.Reading> {
    /** The server's CPU time so far (null where the system does not tell) at a moment. */
    record Reading(long nanoTime, Duration cpu) {}

    private final ProcessHandle server;

    ServerCpu(ProcessHandle server) {
        this.server = server;
    }

    @Override
    protected Reading take() {
        return new Reading(System.nanoTime(), server.info().totalCpuDuration().orElse(null));
    }

    void addTo(Report report) {
        if (complete() && atOpen().cpu() != null && atClose().cpu() != null) {
            long cpuNanos = atClose().cpu().minus(atOpen().cpu()).toNanos();
            report.put("cores_server", cpuNanos / (double) (atClose().nanoTime() - atOpen().nanoTime()));
        }
    }
}
