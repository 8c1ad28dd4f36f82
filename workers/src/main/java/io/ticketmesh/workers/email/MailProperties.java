package io.ticketmesh.workers.email;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Email settings (the SMTP server itself is Spring's {@code spring.mail.*}).
 *
 * @param from the sender of every email
 * @param appUrl where the web app lives, for the links in emails
 */
@ConfigurationProperties("ticketmesh.mail")
public record MailProperties(String from, String appUrl) {}
