package io.ticketmesh.bench;

/** One benchmark: prepares what it needs, drives load, and reports what it measured. */
public interface Scenario {
    Report run(Options options) throws Exception;
}
