package io.ticketmesh.ticket.config;

import io.ticketmesh.platform.privacy.ExpiringPersonalData;
import io.ticketmesh.ticket.persistence.TicketRepository;
import io.ticketmesh.ticket.tickets.TicketOffers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What ticket-service keeps of people without an account, which no closing erases ({@code HolderNames} erases an
 * account's): it goes once older than the platform's personal data retention ({@code PersonalDataRetention}).
 */
@Configuration(proxyBeanMethods = false)
class PersonalDataConfig {
    /** A box office buyer's name on their tickets; the tickets stay valid, as their codes name no one. */
    @Bean
    ExpiringPersonalData boxOfficeHolderNames(TicketRepository tickets) {
        return tickets::eraseBoxOfficeHolderNames;
    }

    /** The address a ticket was offered to, once the offer is settled: one that never had an account would keep it. */
    @Bean
    ExpiringPersonalData offerAddresses(TicketOffers offers) {
        return offers::eraseAddressesOfferedBefore;
    }
}
