package io.ticketmesh.workers.email;

import com.google.protobuf.Timestamp;
import io.ticketmesh.proto.identity.v1.AccountClosed;
import io.ticketmesh.proto.identity.v1.EmailChangeRequested;
import io.ticketmesh.proto.identity.v1.EmailChanged;
import io.ticketmesh.proto.identity.v1.PasswordChangeMethod;
import io.ticketmesh.proto.identity.v1.PasswordChanged;
import io.ticketmesh.proto.identity.v1.PasswordResetRequested;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/**
 * What the account emails say: a password reset link, that a password changed (so an owner who did not change it
 * learns of it and can take the account back), a new address's confirmation link, to the account's address that a
 * move was asked for and that it was made, and that the account was closed.
 */
@Component
public class AccountEmails {
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private final MailProperties properties;

    public AccountEmails(MailProperties properties) {
        this.properties = properties;
    }

    /** {@code token}: the link's, opened from the event. */
    public Mail passwordReset(PasswordResetRequested requested, String token) {
        Instant expires = instant(requested.getExpiresAt());
        // rounded up: the event is stamped a moment after the expiry was set from the request's time
        long minutes = minutesBetween(requested.getMetadata().getOccurredAt(), requested.getExpiresAt());
        String link = properties.appUrl() + "/reset-password?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        MailBody body = new MailBody()
                .paragraph(greeting(requested.getName()))
                .paragraph("Someone, we hope you, asked to reset the password of your Ticketmesh account. Choose a new one here:", link)
                .paragraph("The link works once, for " + minutes + " minutes (until " + UTC_TIME.format(expires) + ").")
                .paragraph("If you did not ask, ignore this email: your password stays as it is.");
        return Mail.of("password_reset", requested.getEmail(), "Reset your Ticketmesh password", body)
                .forAccount(requested.getUserId());
    }

    public Mail passwordChanged(PasswordChanged changed) {
        String how = changed.getMethod() == PasswordChangeMethod.PASSWORD_CHANGE_METHOD_RESET
                ? "through a reset link sent to this address; every session was signed out"
                : "by someone signed in to it; every other session was signed out";
        MailBody body = new MailBody()
                .paragraph(greeting(changed.getName()))
                .paragraph("The password of your Ticketmesh account was changed on "
                        + UTC_TIME.format(instant(changed.getMetadata().getOccurredAt())) + ", " + how + ".")
                .paragraph("If that was not you, reset it now and reply to this email:", properties.appUrl() + "/forgot-password");
        return Mail.of("password_changed", changed.getEmail(), "Your Ticketmesh password was changed", body)
                .forAccount(changed.getUserId());
    }

    /** {@code token}: the link's, opened from the event. */
    public Mail emailConfirmation(EmailChangeRequested requested, String token) {
        long hours = (minutesBetween(requested.getMetadata().getOccurredAt(), requested.getExpiresAt()) + 59) / 60;
        String link = properties.appUrl() + "/confirm-email?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        MailBody body = new MailBody()
                .paragraph(greeting(requested.getName()))
                .paragraph("Someone, we hope you, asked to sign in to a Ticketmesh account with this address from now on."
                        + " Confirm it here:", link)
                .paragraph("The link works once, for " + hours + (hours == 1 ? " hour" : " hours") + " (until "
                        + UTC_TIME.format(instant(requested.getExpiresAt())) + "). Until then the account keeps its address.")
                .paragraph("If you did not ask, ignore this email: nothing changes.");
        return Mail.of("email_confirmation", requested.getNewEmail(), "Confirm your new Ticketmesh address", body)
                .forAccount(requested.getUserId());
    }

    /** To the account's address: a move to another was asked for, and how its owner stops it if it was not them. */
    public Mail emailChangeAsked(EmailChangeRequested requested) {
        MailBody body = new MailBody()
                .paragraph(greeting(requested.getName()))
                .paragraph("Someone signed in to your Ticketmesh account asked on "
                        + UTC_TIME.format(instant(requested.getMetadata().getOccurredAt())) + " to move it to "
                        + requested.getNewEmail() + ". It moves only when the link mailed there is used (until "
                        + UTC_TIME.format(instant(requested.getExpiresAt())) + ").")
                .paragraph("If that was not you, someone knows your password: reset it now, which also cancels the move:",
                        properties.appUrl() + "/forgot-password");
        return Mail.of("email_change_asked", requested.getEmail(), "A new address was asked for your Ticketmesh account", body)
                .forAccount(requested.getUserId());
    }

    public Mail emailChanged(EmailChanged changed) {
        MailBody body = new MailBody()
                .paragraph(greeting(changed.getName()))
                .paragraph("The address of your Ticketmesh account was changed to " + changed.getNewEmail() + " on "
                        + UTC_TIME.format(instant(changed.getMetadata().getOccurredAt())) + ", and confirmed from there."
                        + " Sign in with it from now on; emails about bookings made before still come here.")
                .paragraph("If that was not you, reply to this email at once: someone who knows your password has the account.");
        return Mail.of("email_changed", changed.getOldEmail(), "Your Ticketmesh address was changed", body)
                .forAccount(changed.getUserId());
    }

    /** The account is closed, and what became of what it had. */
    public Mail accountClosed(AccountClosed closed) {
        MailBody body = new MailBody()
                .paragraph(greeting(closed.getName()))
                .paragraph("Your Ticketmesh account was closed on " + UTC_TIME.format(instant(closed.getMetadata().getOccurredAt()))
                        + ", as asked by someone signed in to it who gave its password. Your name and this address are"
                        + " erased from your bookings and tickets, and no more emails will come here.")
                .paragraph("Tickets you were sent stay valid at the door: keep their emails, now your only copy."
                        + " Refunds of your bookings, should a show be cancelled, go back to the card that paid.")
                .paragraph("If that was not you, reply to this email at once.");
        return Mail.of("account_closed", closed.getEmail(), "Your Ticketmesh account is closed", body)
                .forAccount(closed.getUserId());
    }

    /** Whole minutes from one time to the other, rounded up (the event is stamped a moment after the expiry was set). */
    private static long minutesBetween(Timestamp from, Timestamp to) {
        return Math.max(1, (Duration.between(instant(from), instant(to)).toSeconds() + 59) / 60);
    }

    private static String greeting(String name) {
        return name.isBlank() ? "Hello," : "Hello " + name.strip() + ",";
    }

    private static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
