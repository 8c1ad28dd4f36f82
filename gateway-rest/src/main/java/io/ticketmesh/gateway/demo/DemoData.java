package io.ticketmesh.gateway.demo;

import io.ticketmesh.gateway.identity.Accounts;
import io.ticketmesh.gateway.identity.IdentityService;
import io.ticketmesh.platform.auth.Caller;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The local stack's demo accounts: organization "Demo Theatre" with an owner and a staff member, and a customer,
 * all with the password {@value #PASSWORD}. Created once; running again changes nothing.
 */
@Component
@ConditionalOnProperty(name = "ticketmesh.gateway.demo-data", havingValue = "true")
public class DemoData implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    public static final String PASSWORD = "demo-password-1";
    public static final String ORGANIZATION = "Demo Theatre";

    record Person(String email, String name, String role) {}

    static final List<Person> PEOPLE = List.of(
            new Person("owner@demo.ticketmesh.dev", "Olivia Owner", "OWNER"),
            new Person("staff@demo.ticketmesh.dev", "Sam Staff", "STAFF"),
            new Person("alice@demo.ticketmesh.dev", "Alice Customer", null));

    private final IdentityService identity;
    private final Accounts accounts;

    public DemoData(IdentityService identity, Accounts accounts) {
        this.identity = identity;
        this.accounts = accounts;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (Person person : PEOPLE) {
            if (accounts.userByEmail(person.email()).isEmpty()) {
                identity.register(person.email(), PASSWORD, person.name());
            }
        }
        Accounts.User owner = accounts.userByEmail(PEOPLE.getFirst().email()).orElseThrow();
        Caller ownerCaller = new Caller(owner.id().toString(), owner.email(), owner.name(), Map.of(), Set.of(), "");
        Accounts.Organization theatre = accounts.organizationByName(ORGANIZATION)
                .orElseGet(() -> identity.createOrganization(ownerCaller, ORGANIZATION));
        for (Person person : PEOPLE) {
            if (person.role() != null) {
                identity.addMember(ownerCaller, theatre.id(), person.email(), person.role());
            }
        }
        log.info("demo data: organization '{}' ({}), accounts {} with password {}", ORGANIZATION, theatre.id(),
                PEOPLE.stream().map(Person::email).toList(), PASSWORD);
    }
}
