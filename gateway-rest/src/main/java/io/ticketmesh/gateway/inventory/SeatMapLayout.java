package io.ticketmesh.gateway.inventory;

import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;

/**
 * A showtime's seats as the FULL view writes them (a JSON array), less their states: everything else about a seat
 * changes only with the catalog version (prices), and the seats and their order never change. With the states of a
 * STATES answer it makes the FULL view's seats without reading them all again.
 *
 * @param catalogVersion the catalog version the seats were read at
 * @param seats the JSON array, with nothing after each seat's {@code "state":}
 * @param stateAt where each seat's state goes in {@code seats}, in seat order
 */
record SeatMapLayout(long catalogVersion, byte[] seats, int[] stateAt) {
    /** About how many bytes the seats take written with their states. */
    int size() {
        return seats.length + 10 * stateAt.length;
    }

    /** About how many bytes it takes kept in memory. */
    long keptBytes() {
        return seats.length + 4L * stateAt.length;
    }

    /** Whether a STATES answer's seats are these: the same catalog version and as many seats. */
    boolean fits(long catalogVersion, ByteString states) {
        return this.catalogVersion == catalogVersion && states.size() == stateAt.length;
    }

    /** Writes the seats with {@code states} (a byte a seat), each state as {@code stateValues} has it. */
    void writeSeats(ByteString states, byte[][] stateValues, ByteArrayOutputStream out) {
        int from = 0;
        for (int i = 0; i < stateAt.length; i++) {
            out.write(seats, from, stateAt[i] - from);
            out.writeBytes(stateValues[states.byteAt(i) & 0xff]);
            from = stateAt[i];
        }
        out.write(seats, from, seats.length - from);
    }
}
