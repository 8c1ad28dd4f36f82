package io.ticketmesh.payment.provider;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.stereotype.Component;

/**
 * The simulated provider's own connections to its books. The provider stands for an outside system: its writes
 * commit on their own, never inside payment-service's transactions, and never take a connection from
 * payment-service's pool (a payment transaction waiting for the provider while the provider waits for a pooled
 * connection would starve the pool under load).
 */
@Component
public class ProviderBooks implements AutoCloseable {
    private static final int CONNECTIONS = 8;
    private final HikariDataSource pool;
    private final DSLContext dsl;

    public ProviderBooks(DataSourceProperties database) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("simulated-provider");
        config.setJdbcUrl(database.determineUrl());
        config.setUsername(database.determineUsername());
        config.setPassword(database.determinePassword());
        config.setMaximumPoolSize(CONNECTIONS);
        this.pool = new HikariDataSource(config);
        this.dsl = DSL.using(pool, SQLDialect.POSTGRES);
    }

    /** One statement, on its own connection. */
    DSLContext dsl() {
        return dsl;
    }

    /**
     * Runs {@code work} in a transaction of the provider's own, committed when it returns and rolled back when it
     * throws. Plain JDBC rather than jOOQ's transaction provider, which asks the server for the isolation level first:
     * a round trip, and a transaction of its own, before every capture, void and refund.
     */
    <T> T transaction(Function<DSLContext, T> work) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.apply(DSL.using(connection, SQLDialect.POSTGRES));
                connection.commit();
                return result;
            } catch (RuntimeException | Error e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw new DataAccessException("the simulated provider's books could not be written", e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
