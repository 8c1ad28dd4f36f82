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

    @Test
    void aKeptClusterCountsItsStatements(@TempDir Path data) throws SQLException {
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(0, data)) {
            postgres.ensureDatabase("ticket");
            try (Connection c = postgres.dataSource("ticket").getConnection(); var s = c.createStatement()) {
                for (int i = 0; i < 3; i++) {
                    s.execute("select 1 + " + i);
                }
            }
            try (Connection c = postgres.dataSource("postgres").getConnection(); var s = c.createStatement();
                 var rs = s.executeQuery("select sum(calls) from pg_stat_statements join pg_database d on d.oid = dbid"
                         + " where datname = 'ticket' and query like 'select $1 + $2'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(3);
            }
        }
    }
}
