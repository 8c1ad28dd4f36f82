package io.ticketmesh.bench.floor;

import io.ticketmesh.bench.LoadRunner;
import io.ticketmesh.bench.Options;
import io.ticketmesh.bench.Report;
import io.ticketmesh.bench.local.ServiceMeters;
import io.ticketmesh.embedded.EmbeddedPostgresServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The floor of a statement ({@code --call sql}): what one round trip to PostgreSQL costs on this machine. A
 * throw-away PostgreSQL of its own (as the search scenario's) answers {@code select ?::int} from clients that each
 * hold a connection of their own, as the services' pools do, and block for the answer, as JDBC does; the statement is
 * prepared on the server after its fifth run, as the services' are. Nothing else happens: no table, no transaction
 * beyond the statement's own, no WAL. The local stack's PostgreSQL is counted in {@code cores_postgres} too, so run
 * this with the stack stopped.
 */
final class SqlFloor {
    private static final String DATABASE = "floor";

    private SqlFloor() {}

    static Report run(Options options, Duration warmup, Duration measured) throws Exception {
        int clients = options.integer("clients", 16);
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(0, null)) {
            postgres.ensureDatabase(DATABASE);
            List<Connection> connections = new ArrayList<>();
            List<PreparedStatement> statements = new ArrayList<>();
            try {
                for (int i = 0; i < clients; i++) {
                    connections.add(postgres.dataSource(DATABASE).getConnection());
                    statements.add(connections.getLast().prepareStatement("select ?::int"));
                }
                ServiceMeters meters = new ServiceMeters("127.0.0.1", List.of());
                LoadRunner.Result result = LoadRunner.run(clients, warmup, measured,
                        client -> () -> roundTrip(statements.get(client), client), meters);
                Report report = FloorScenario.report("sql", "a bare statement (select ?::int) to PostgreSQL on this machine, "
                        + clients + " clients with a connection each", clients, result);
                meters.addTo(report);
                return report;
            } finally {
                for (Connection connection : connections) {
                    connection.close();
                }
            }
        }
    }

    private static String roundTrip(PreparedStatement statement, int value) throws SQLException {
        statement.setInt(1, value);
        try (ResultSet answer = statement.executeQuery()) {
            if (!answer.next() || answer.getInt(1) != value) {
                throw new SQLException("PostgreSQL answered something else than " + value);
            }
        }
        return "select";
    }
}
