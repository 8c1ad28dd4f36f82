package io.ticketmesh.gateway.booking;

import io.ticketmesh.platform.display.Wording;
import io.ticketmesh.platform.qr.QrImages;
import io.ticketmesh.proto.ticket.v1.Ticket;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;

/**
 * A booking's tickets as a PDF to print (at home, or at the box office for a buyer at the counter): an A4 page a
 * ticket with the show, the place, the holder, the booking's reference and the ticket's QR code, drawn large enough to
 * scan from paper. Text is set in Helvetica; a character it cannot draw prints as "?".
 */
final class PrintedTickets {
    private static final float MARGIN = 56;
    private static final float QR_POINTS = 220;
    private static final int QR_PIXELS = 660;

    private PrintedTickets() {}

    /** What the pages say of the show: its title, when it starts on the venue's clocks, and where. */
    record Show(String title, Instant startsAt, String timezone, String venue) {
        String when() {
            return Wording.when(startsAt, timezone);
        }
    }

    static byte[] pdf(Show show, String reference, List<Ticket> tickets) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Fonts fonts = new Fonts(new PDType1Font(Standard14Fonts.FontName.HELVETICA), new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD));
            for (Ticket ticket : tickets) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    draw(document, content, page.getMediaBox(), fonts, show, reference, ticket);
                }
            }
            document.getDocumentInformation().setTitle("Tickets, booking " + reference);
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Fonts(PDType1Font regular, PDType1Font bold) {}

    private static void draw(PDDocument document, PDPageContentStream content, PDRectangle box, Fonts fonts, Show show,
                             String reference, Ticket ticket) throws IOException {
        Writer writer = new Writer(content, box.getWidth() - 2 * MARGIN, box.getHeight() - MARGIN);
        writer.write(fonts.regular(), 10, 0, "TICKETMESH  ·  ADMITS ONE", 1);
        writer.write(fonts.bold(), 22, 12, show.title(), 2);
        writer.write(fonts.regular(), 13, 8, show.when(), 1);
        writer.write(fonts.regular(), 13, 2, show.venue(), 1);
        writer.write(fonts.bold(), 16, 22, Wording.place(ticket), 1);
        writer.write(fonts.regular(), 12, 2, "Tier " + ticket.getTier(), 1);
        if (!ticket.getHolderName().isBlank()) {
            writer.write(fonts.regular(), 12, 2, "Holder: " + ticket.getHolderName().strip(), 1);
        }
        BufferedImage qr = ImageIO.read(new ByteArrayInputStream(QrImages.png(ticket.getQrPayload(), QR_PIXELS)));
        float codeBottom = writer.y - 24 - QR_POINTS;
        content.drawImage(LosslessFactory.createFromImage(document, qr), MARGIN, codeBottom, QR_POINTS, QR_POINTS);
        writer.y = codeBottom;
        writer.write(fonts.regular(), 11, 10, "Booking " + reference + "  ·  ticket " + ticket.getTicketId(), 1);
        writer.write(fonts.regular(), 10, 6, "Show this code at the door: it admits once. A ticket given to someone else, or refunded, "
                + "no longer admits.", 2);
    }

    /** Writes lines down the page from the top margin, each wrapped to the page's width. */
    private static final class Writer {
        private final PDPageContentStream content;
        private final float width;
        private float y;

        Writer(PDPageContentStream content, float width, float top) {
            this.content = content;
            this.width = width;
            this.y = top;
        }

        /** {@code text} in at most {@code lines} lines, the first {@code gap} points below what was written last. */
        void write(PDType1Font font, float size, float gap, String text, int lines) throws IOException {
            y -= gap;
            for (String line : wrap(font, size, text, width, lines)) {
                y -= size * 1.2f;
                content.beginText();
                content.setFont(font, size);
                content.newLineAtOffset(MARGIN, y);
                content.showText(printable(font, line));
                content.endText();
            }
        }
    }

    /**
     * The words of {@code text} in at most {@code lines} lines of {@code width} points; a line cut short (the last when
     * more words follow, or one word too long for a line) ends in "...".
     */
    static List<String> wrap(PDType1Font font, float size, String text, float width, int lines) throws IOException {
        List<String> wrapped = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : text.strip().split("\\s+")) {
            String tried = current.isEmpty() ? word : current + " " + word;
            if (current.isEmpty() || widthOf(font, size, tried) <= width) {
                current.setLength(0);
                current.append(tried);
            } else {
                wrapped.add(current.toString());
                current.setLength(0);
                current.append(word);
            }
        }
        wrapped.add(current.toString());
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < Math.min(lines, wrapped.size()); i++) {
            boolean more = i == lines - 1 && wrapped.size() > lines;
            kept.add(more || widthOf(font, size, wrapped.get(i)) > width ? cut(font, size, wrapped.get(i), width) : wrapped.get(i));
        }
        return kept;
    }

    /** As much of {@code line} as fits in {@code width} points with "..." after it. */
    private static String cut(PDType1Font font, float size, String line, float width) throws IOException {
        String kept = line;
        while (!kept.isEmpty() && widthOf(font, size, kept + "...") > width) {
            kept = kept.substring(0, kept.length() - 1);
        }
        return kept.strip() + "...";
    }

    private static float widthOf(PDType1Font font, float size, String text) throws IOException {
        return font.getStringWidth(printable(font, text)) / 1000 * size;
    }

    /** The text with each character the font cannot encode replaced by "?". */
    static String printable(PDType1Font font, String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(point -> {
            String character = Character.toString(point);
            try {
                font.encode(character);
                out.append(character);
            } catch (IOException | IllegalArgumentException unencodable) {
                out.append('?');
            }
        });
        return out.toString();
    }
}
