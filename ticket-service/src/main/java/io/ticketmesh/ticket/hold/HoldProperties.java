package io.ticketmesh.ticket.hold;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long a hold lasts ({@code ttl}), what one extension adds, how many extensions a hold may have, and how often
 * the sweeper looks for lapsed holds.
 */
@ConfigurationProperties("ticketmesh.holds")
public record HoldProperties(Duration ttl, Duration extension, int maxExtensions, Duration sweepInterval) {}
