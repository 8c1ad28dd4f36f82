package io.ticketmesh.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {

    @Test
    void dataInADataDirectorySurvivesARestart(@TempDir Path data) throws SQLException {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(0, data)) {
            postgres.ensureDatabase("booking");
            try (Connection c = postgres.dataSource("booking").getConnection(); var s = c.createStatement()) {
                s.execute("create table kept (id int)");
                s.execute("insert into kept values (42)");
            }
        }
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(0, data)) {
            postgres.ensureDatabase("booking"); // idempotent on an existing cluster
            try (Connection c = postgres.dataSource("booking").getConnection(); var s = c.createStatement();
                 var rs = s.executeQuery("select id from kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }
}
