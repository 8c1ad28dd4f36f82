package io.ticketmesh.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Resident memory of this process and everything it started (service JVMs, PostgreSQL, Redis), from /proc. */
final class ResidentMemory {
    private ResidentMemory() {}

    /** Total VmRSS in MiB, or -1 where /proc is not available. */
    static long totalMiB() {
        ProcessHandle self = ProcessHandle.current();
        long kib = Stream.concat(Stream.of(self), self.descendants()).mapToLong(p -> rssKiB(p.pid())).sum();
        return kib < 0 ? -1 : kib / 1024;
    }

    private static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process ended while we looked, or this is not Linux
        }
        return 0;
    }
}
