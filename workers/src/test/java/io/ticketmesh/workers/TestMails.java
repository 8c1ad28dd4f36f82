package io.ticketmesh.workers;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.ticketmesh.embedded.ReceivedMail;
import io.ticketmesh.platform.outbox.EventMetadatas;
import io.ticketmesh.proto.booking.v1.Booking;
import io.ticketmesh.proto.booking.v1.BookingConfirmed;
import io.ticketmesh.proto.booking.v1.BookingTotals;
import io.ticketmesh.proto.common.v1.EventMetadata;
import io.ticketmesh.proto.common.v1.Money;
import io.ticketmesh.proto.ticket.v1.TicketTransferred;
import io.ticketmesh.proto.ticket.v1.Ticket;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import javax.imageio.ImageIO;

/** What the tests of mails send (tickets with a code, confirmed bookings) and read (the test SMTP server's mails, the QR codes in them). */
final class TestMails {
    private TestMails() {}

    /** A ticket of the Stalls, tier A, whose code is a made-up payload naming its id. */
    static Ticket ticket(String row, String seat) {
        String id = UUID.randomUUID().toString();
        return Ticket.newBuilder().setTicketId(id).setSeatId(UUID.randomUUID().toString()).setSection("Stalls").setRow(row)
                .setSeatLabel(seat).setTier("A").setQrPayload("TM1.qr-test." + id + ".signature").build();
    }

    static List<ReceivedMail> mailsTo(String email) {
        return WorkersTestBase.smtp.messages().stream().filter(m -> m.to().contains(email)).toList();
    }

    static ReceivedMail awaitMail(String email, Predicate<ReceivedMail> wanted) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            var found = mailsTo(email).stream().filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            assertThat(System.currentTimeMillis()).as("no mail to " + email + " yet").isLessThan(deadline);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static String decode(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
            return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                    new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();
        } catch (Exception e) {
            throw new AssertionError("the attachment is not a readable QR code", e);
        }
    }

    /** A booking of a showtime no catalog knows, confirmed, with its tickets to mail to {@code email}. */
    static BookingConfirmed confirmed(String email, String reference, List<Ticket> tickets) {
        return confirmed(email, reference, tickets, UUID.randomUUID().toString());
    }

    static BookingConfirmed confirmed(String email, String reference, List<Ticket> tickets, String showtimeId) {
        String bookingId = UUID.randomUUID().toString();
        Booking booking = Booking.newBuilder().setBookingId(bookingId).setShowtimeId(showtimeId).setReference(reference).addAllTickets(tickets)
                .setTotals(BookingTotals.newBuilder().setTotal(Money.newBuilder().setAmountMinor(9900).setCurrency("EUR"))).build();
        return BookingConfirmed.newBuilder().setMetadata(metadata(bookingId)).setBooking(booking).setCustomerEmail(email).build();
    }

    static EventMetadata metadata(String aggregateId) {
        return EventMetadatas.next(aggregateId, 1);
    }

    static TicketTransferred transferred(String bookingId, Ticket ticket, String giver, String email) {
        return transferred(bookingId, UUID.randomUUID().toString(), ticket, giver, email);
    }

    /** The ticket given by {@code giver} to the customer at {@code email} (a new holder), from a ticket of theirs. */
    static TicketTransferred transferred(String bookingId, String showtimeId, Ticket ticket, String giver, String email) {
        return TicketTransferred.newBuilder().setMetadata(EventMetadatas.next(bookingId, 2)).setBookingId(bookingId)
                .setShowtimeId(showtimeId).setFromTicketId(UUID.randomUUID().toString()).setFromName(giver)
                .setTicket(ticket.toBuilder().setHolderUserId(UUID.randomUUID().toString())).setRecipientEmail(email).build();
    }
}
