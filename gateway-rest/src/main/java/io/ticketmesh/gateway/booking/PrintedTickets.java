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
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;

/**
 * A booking's tickets as a PDF to print (at home, or at the box office for a buyer at the counter): an A4 page a
 * ticket with the show, the place, the holder, the booking's reference and the ticket's QR code, drawn large enough to
 * scan from paper. Text is set in DejaVu Sans, embedded (only the characters the document uses: about 16 KB a
 * document, and 12 ms to read the two font files into it): Latin, Greek, Cyrillic, Armenian, Georgian and Hebrew print
 * as written; a character it has no glyph for (a Chinese name, say) prints as "?".
 */
final class PrintedTickets {
    private static final float MARGIN = 56;
    private static final float QR_POINTS = 220;
    private static final int QR_PIXELS = 660;
    private static final String FONTS = "/net/sf/jasperreports/fonts/dejavu/";
    private static final byte[] REGULAR = font("DejaVuSans.ttf");
    private static final byte[] BOLD = font("DejaVuSans-Bold.ttf");

    private PrintedTickets() {}

    /** What the pages say of the show: its title, when it starts on the venue's clocks, and where. */
    record Show(String title, Instant startsAt, String timezone, String venue) {
        String when() {
            return Wording.when(startsAt, timezone);
        }
    }

    static byte[] pdf(Show show, String reference, List<Ticket> tickets) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Fonts fonts = new Fonts(embedded(document, REGULAR), embedded(document, BOLD));
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

    private record Fonts(PDFont regular, PDFont bold) {}

    /** The font embedded in the document, as much of it as the document's text uses. */
    private static PDFont embedded(PDDocument document, byte[] font) throws IOException {
        return PDType0Font.load(document, new ByteArrayInputStream(font), true);
    }

    /** A font file of the DejaVu jar, read once. */
    private static byte[] font(String name) {
        try (var in = PrintedTickets.class.getResourceAsStream(FONTS + name)) {
            if (in == null) {
                throw new IllegalStateException("the font " + name + " is not on the class path (jasperreports-fonts)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bold font in the document, for tests to measure with. */
    static PDFont bold(PDDocument document) throws IOException {
        return embedded(document, BOLD);
    }

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
        void write(PDFont font, float size, float gap, String text, int lines) throws IOException {
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
    static List<String> wrap(PDFont font, float size, String text, float width, int lines) throws IOException {
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
    private static String cut(PDFont font, float size, String line, float width) throws IOException {
        String kept = line;
        while (!kept.isEmpty() && widthOf(font, size, kept + "...") > width) {
            kept = kept.substring(0, kept.length() - 1);
        }
        return kept.strip() + "...";
    }

    private static float widthOf(PDFont font, float size, String text) throws IOException {
        return font.getStringWidth(printable(font, text)) / 1000 * size;
    }

    /** The text with each character the font cannot encode replaced by "?". */
    static String printable(PDFont font, String text) {
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
