package io.ticketmesh.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * A real PostgreSQL server (binaries from a Maven artifact) on loopback. One server holds a database per
 * service. With a data directory the data survives restarts; without one it lives in a temporary directory.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * Starts a server that also stops itself when the JVM exits (a shutdown hook of its own), should it not have been
     * closed before.
     *
     * @param port 0 for any free port
     * @param dataDirectory where the cluster lives across restarts, or null for a throw-away cluster
     */
    public static EmbeddedPostgresServer start(int port, Path dataDirectory) {
        return start(port, dataDirectory, true);
    }

    /**
     * Starts a server; with {@code stopAtExit} false the caller closes it. JVM shutdown hooks run all at once, so a
     * server's own hook stops it under whoever still uses it at exit: a caller that must close its clients first
     * (the tests' Spring contexts) closes it itself, after them.
     */
    public static EmbeddedPostgresServer start(int port, Path dataDirectory, boolean stopAtExit) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setRegisterShutdownHook(stopAtExit)
                    .setPort(FreePorts.orNext(port))
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "400")
                    // a long-lived cluster's data grows run after run (every bench run makes a showtime of tens of
                    // thousands of seats): with PostgreSQL's default 128 MB its working set no longer fitted, and each
                    // booking read 18 pages back from the OS and had its backends write 6.6 dirty ones out to make room
                    // (with 1 GB, under one and none); a throw-away one stays small
                    .setServerConfig("shared_buffers", dataDirectory == null ? "128MB" : "1GB")
                    // the data is in memory or on SSD: an index page is hardly dearer than a sequential one (the default,
                    // 4, is for spinning disks and made the planner sort 50,000 seats rather than read them in index order)
                    .setServerConfig("random_page_cost", "1.1")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // durability is traded for speed only in throw-away clusters (tests, codegen)
                    .setServerConfig("fsync", dataDirectory == null ? "off" : "on")
                    .setServerConfig("synchronous_commit", dataDirectory == null ? "off" : "on");
            if (dataDirectory == null) {
                return new EmbeddedPostgresServer(builder.start());
            }
            // a kept cluster (the local stack) counts its statements, so the benchmarks can say what an operation
            // costs in statements (pg_stat_statements, read in the postgres database)
            builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements");
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(builder.start());
            server.countStatements();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    private void countStatements() {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); var create = c.createStatement()) {
            create.execute("create extension if not exists pg_stat_statements");
        } catch (SQLException e) {
            throw new IllegalStateException("could not create pg_stat_statements", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** Creates the database unless it exists. Safe to call on every start. */
    public void ensureDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             var exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, name);
            try (var rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (var create = c.createStatement()) {
                        create.execute("create database " + name);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** The superuser; embedded clusters trust loopback connections, so any password works. */
    public String username() {
        return "postgres";
    }

    public DataSource dataSource(String database) {
        return postgres.getDatabase(username(), database);
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
