package io.ticketmesh.gateway.identity;

import static io.ticketmesh.gateway.persistence.jooq.Tables.MEMBERSHIPS;
import static io.ticketmesh.gateway.persistence.jooq.Tables.ORGANIZATIONS;
import static io.ticketmesh.gateway.persistence.jooq.Tables.USERS;

import io.ticketmesh.gateway.persistence.jooq.tables.records.UsersRecord;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Users, organizations and memberships in the identity database. */
@Repository
public class Accounts {
    public record User(UUID id, String email, String name, String passwordHash, List<String> platformRoles, OffsetDateTime createdAt) {}

    public record Membership(UUID organizationId, String organizationName, String role) {}

    public record Organization(UUID id, String name, OffsetDateTime createdAt) {}

    /** Someone of an organization, with their role in it. */
    public record Member(UUID userId, String email, String name, String role, OffsetDateTime since) {}

    private final DSLContext dsl;

    public Accounts(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Inserts the user unless the email is taken; returns whether it was inserted. */
    public boolean insertUser(UUID id, String email, String name, String passwordHash) {
        return dsl.insertInto(USERS)
                .set(USERS.ID, id).set(USERS.EMAIL, email).set(USERS.NAME, name).set(USERS.PASSWORD_HASH, passwordHash)
                .onConflict(USERS.EMAIL).doNothing()
                .execute() == 1;
    }

    /** An address as accounts are found by: trimmed, in lower case. */
    public static String normalizedEmail(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    public Optional<User> userByEmail(String email) {
        return dsl.selectFrom(USERS).where(USERS.EMAIL.eq(email)).fetchOptional().map(Accounts::user);
    }

    public Optional<User> userById(UUID id) {
        return dsl.selectFrom(USERS).where(USERS.ID.eq(id)).fetchOptional().map(Accounts::user);
    }

    /** Renames the user; the user as renamed, if there is one. */
    public Optional<User> rename(UUID id, String name) {
        return dsl.update(USERS).set(USERS.NAME, name).where(USERS.ID.eq(id)).returning().fetchOptional().map(Accounts::user);
    }

    /**
     * The user, locked until the transaction ends: what is done to an account's credentials (its password, address,
     * reset links and address changes asked for and used) is done one at a time, the account locked first.
     */
    public Optional<User> lockUser(UUID id) {
        return dsl.selectFrom(USERS).where(USERS.ID.eq(id)).forUpdate().fetchOptional().map(Accounts::user);
    }

    /**
     * The user, share-locked until the transaction ends: for writing a row that refers to the account (a sign-in session,
     * a membership) in the account's lock order, so that an account closed meanwhile is seen as gone rather than
     * failing the write.
     */
    public Optional<User> shareLockUser(UUID id) {
        return dsl.selectFrom(USERS).where(USERS.ID.eq(id)).forShare().fetchOptional().map(Accounts::user);
    }

    /** Deletes the user and their memberships (the caller deletes their credentials first, holding the user's lock). */
    public void deleteUser(UUID id) {
        dsl.deleteFrom(MEMBERSHIPS).where(MEMBERSHIPS.USER_ID.eq(id)).execute();
        dsl.deleteFrom(USERS).where(USERS.ID.eq(id)).execute();
    }

    /** Stores a new password hash; answers the account's next version (identity events carry it). */
    public long changePassword(UUID id, String passwordHash) {
        return dsl.update(USERS).set(USERS.PASSWORD_HASH, passwordHash).set(USERS.VERSION, USERS.VERSION.plus(1))
                .where(USERS.ID.eq(id)).returning(USERS.VERSION).fetchOne(USERS.VERSION);
    }

    /**
     * Moves the user to the address unless another account has it; answers the account's next version, or empty when
     * the address is taken. (An account registered with it at the same moment fails the unique index instead.)
     */
    public Optional<Long> changeEmail(UUID id, String email) {
        var other = USERS.as("other");
        return dsl.update(USERS).set(USERS.EMAIL, email).set(USERS.VERSION, USERS.VERSION.plus(1))
                .where(USERS.ID.eq(id).and(DSL.notExists(DSL.selectOne().from(other).where(other.EMAIL.eq(email)))))
                .returning(USERS.VERSION).fetchOptional(USERS.VERSION);
    }

    /** Moves the account one version further, for an event about it that changes nothing of the row; answers it. */
    public long nextVersion(UUID id) {
        return dsl.update(USERS).set(USERS.VERSION, USERS.VERSION.plus(1)).where(USERS.ID.eq(id))
                .returning(USERS.VERSION).fetchOne(USERS.VERSION);
    }

    public List<Membership> memberships(UUID userId) {
        return dsl.select(MEMBERSHIPS.ORGANIZATION_ID, ORGANIZATIONS.NAME, MEMBERSHIPS.ROLE)
                .from(MEMBERSHIPS).join(ORGANIZATIONS).on(ORGANIZATIONS.ID.eq(MEMBERSHIPS.ORGANIZATION_ID))
                .where(MEMBERSHIPS.USER_ID.eq(userId))
                .orderBy(MEMBERSHIPS.CREATED_AT)
                .fetch(r -> new Membership(r.value1(), r.value2(), r.value3()));
    }

    /** organization id to role, as the access token carries it. */
    public Map<String, String> roles(UUID userId) {
        Map<String, String> roles = new LinkedHashMap<>();
        memberships(userId).forEach(m -> roles.put(m.organizationId().toString(), m.role()));
        return roles;
    }

    public Optional<String> roleIn(UUID organizationId, UUID userId) {
        return dsl.select(MEMBERSHIPS.ROLE).from(MEMBERSHIPS)
                .where(MEMBERSHIPS.ORGANIZATION_ID.eq(organizationId).and(MEMBERSHIPS.USER_ID.eq(userId)))
                .fetchOptional()
                .map(r -> r.value1());
    }

    public Organization insertOrganization(UUID id, String name) {
        return dsl.insertInto(ORGANIZATIONS).set(ORGANIZATIONS.ID, id).set(ORGANIZATIONS.NAME, name)
                .returning().fetchOne(r -> new Organization(r.getId(), r.getName(), r.getCreatedAt()));
    }

    public Optional<Organization> organization(UUID id) {
        return dsl.selectFrom(ORGANIZATIONS).where(ORGANIZATIONS.ID.eq(id)).fetchOptional()
                .map(r -> new Organization(r.getId(), r.getName(), r.getCreatedAt()));
    }

    public Optional<Organization> organizationByName(String name) {
        return dsl.selectFrom(ORGANIZATIONS).where(ORGANIZATIONS.NAME.eq(name)).orderBy(ORGANIZATIONS.CREATED_AT).limit(1)
                .fetchOptional().map(r -> new Organization(r.getId(), r.getName(), r.getCreatedAt()));
    }

    /** Adds the member, or changes their role; returns whether they were new. */
    public boolean upsertMembership(UUID organizationId, UUID userId, String role) {
        boolean existed = roleIn(organizationId, userId).isPresent();
        dsl.insertInto(MEMBERSHIPS)
                .set(MEMBERSHIPS.ORGANIZATION_ID, organizationId).set(MEMBERSHIPS.USER_ID, userId).set(MEMBERSHIPS.ROLE, role)
                .onConflict(MEMBERSHIPS.ORGANIZATION_ID, MEMBERSHIPS.USER_ID).doUpdate().set(MEMBERSHIPS.ROLE, role)
                .execute();
        return !existed;
    }

    /** The organization's members, oldest first. */
    public List<Member> members(UUID organizationId) {
        return dsl.select(USERS.ID, USERS.EMAIL, USERS.NAME, MEMBERSHIPS.ROLE, MEMBERSHIPS.CREATED_AT)
                .from(MEMBERSHIPS).join(USERS).on(USERS.ID.eq(MEMBERSHIPS.USER_ID))
                .where(MEMBERSHIPS.ORGANIZATION_ID.eq(organizationId))
                .orderBy(MEMBERSHIPS.CREATED_AT, USERS.ID)
                .fetch(r -> new Member(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    /** Locks the organization's row until the transaction ends, so changes to its members are made one at a time. */
    public void lockOrganization(UUID organizationId) {
        dsl.selectOne().from(ORGANIZATIONS).where(ORGANIZATIONS.ID.eq(organizationId)).forUpdate().execute();
    }

    /**
     * The organizations the user is the only OWNER of. Every organization they own is locked first, in id order, so
     * two OWNERs leaving one at once cannot both find the other still there.
     */
    public List<UUID> ownedAlone(UUID userId) {
        List<UUID> owned = dsl.select(MEMBERSHIPS.ORGANIZATION_ID).from(MEMBERSHIPS)
                .where(MEMBERSHIPS.USER_ID.eq(userId).and(MEMBERSHIPS.ROLE.eq("OWNER")))
                .orderBy(MEMBERSHIPS.ORGANIZATION_ID).fetch(MEMBERSHIPS.ORGANIZATION_ID);
        owned.forEach(this::lockOrganization);
        return owned.stream().filter(organization -> owners(organization) == 1).toList();
    }

    public long owners(UUID organizationId) {
        return dsl.fetchCount(MEMBERSHIPS, MEMBERSHIPS.ORGANIZATION_ID.eq(organizationId).and(MEMBERSHIPS.ROLE.eq("OWNER")));
    }

    /** Removes the membership; answers whether there was one. */
    public boolean deleteMembership(UUID organizationId, UUID userId) {
        return dsl.deleteFrom(MEMBERSHIPS).where(MEMBERSHIPS.ORGANIZATION_ID.eq(organizationId).and(MEMBERSHIPS.USER_ID.eq(userId)))
                .execute() > 0;
    }

    private static User user(UsersRecord r) {
        return new User(r.getId(), r.getEmail(), r.getName(), r.getPasswordHash(),
                r.getPlatformRoles() == null ? List.of() : Arrays.asList(r.getPlatformRoles()), r.getCreatedAt());
    }
}
