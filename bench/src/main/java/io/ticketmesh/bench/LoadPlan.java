package io.ticketmesh.bench;

import java.time.Duration;

/**
 * What every load scenario against the running local stack is told: the size of the showtime it makes
 * ({@code --rows}, {@code --seats-per-row}), how many clients, how long to warm up and to measure, and where the stack
 * runs ({@code --host}). Each scenario chooses its own defaults.
 */
public record LoadPlan(int rows, int perRow, int clients, Duration warmup, Duration measured, String host) {
    /** The plan from the command line, with the scenario's defaults for rows, clients and the measured seconds. */
    public static LoadPlan of(Options options, int rows, int clients, int durationSeconds) {
        return new LoadPlan(options.integer("rows", rows), options.integer("seats-per-row", 200), options.integer("clients", clients),
                Duration.ofSeconds(options.integer("warmup-s", 10)), Duration.ofSeconds(options.integer("duration-s", durationSeconds)),
                options.text("host", "127.0.0.1"));
    }

    public int seats() {
        return rows * perRow;
    }

    /** The REST gateway's base address. */
    public String gateway() {
        return "http://" + host + ":8080";
    }
}
