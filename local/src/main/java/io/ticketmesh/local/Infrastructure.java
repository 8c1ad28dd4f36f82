package io.ticketmesh.local;

import io.ticketmesh.embedded.EmbeddedKafkaServer;
import io.ticketmesh.embedded.EmbeddedPostgresServer;
import io.ticketmesh.embedded.EmbeddedRedisServer;
import io.ticketmesh.embedded.EmbeddedSmtpServer;
import io.ticketmesh.embedded.MailboxHttpServer;
import java.nio.file.Path;

/** PostgreSQL (data kept in the data directory), Redis, Kafka and SMTP with its mailbox viewer, in this process. */
final class Infrastructure implements AutoCloseable {
    final EmbeddedPostgresServer postgres;
    final EmbeddedRedisServer redis;
    final EmbeddedKafkaServer kafka;
    final EmbeddedSmtpServer smtp;
    final MailboxHttpServer mailbox;

    private Infrastructure(EmbeddedPostgresServer postgres, EmbeddedRedisServer redis, EmbeddedKafkaServer kafka,
                           EmbeddedSmtpServer smtp, MailboxHttpServer mailbox) {
        this.postgres = postgres;
        this.redis = redis;
        this.kafka = kafka;
        this.smtp = smtp;
        this.mailbox = mailbox;
    }

    static Infrastructure start(LocalConfig config) {
        Path pgData = config.dataDirectory().resolve("postgres");
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(config.postgresPort(), pgData);
        ServiceSpec.ALL.stream().map(ServiceSpec::database).filter(d -> d != null).forEach(postgres::ensureDatabase);
        EmbeddedRedisServer redis = EmbeddedRedisServer.start(config.redisPort());
        EmbeddedKafkaServer kafka = EmbeddedKafkaServer.start(6);
        EmbeddedSmtpServer smtp = EmbeddedSmtpServer.start(config.smtpPort());
        MailboxHttpServer mailbox = MailboxHttpServer.start(config.mailboxPort(), smtp);
        return new Infrastructure(postgres, redis, kafka, smtp, mailbox);
    }

    @Override
    public void close() {
        quietly(mailbox::close);
        quietly(smtp::close);
        quietly(kafka::close);
        quietly(redis::close);
        quietly(postgres::close);
    }

    private static void quietly(Runnable stop) {
        try {
            stop.run();
        } catch (RuntimeException e) {
            System.err.println("while stopping: " + e.getMessage());
        }
    }
}
