package io.ticketmesh.gateway.booking;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.ticketmesh.proto.ticket.v1.Ticket;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** Printed tickets: a page a ticket, saying what the door and the holder need, with a code that scans from the page. */
class PrintedTicketsTest {
    private static final PrintedTickets.Show SHOW = new PrintedTickets.Show("Hamlet", Instant.parse("2027-06-12T17:30:00Z"),
            "Europe/London", "Globe Theatre, London");
    private static final Ticket SEAT = Ticket.newBuilder().setTicketId("7d5c0a4e-1111-4c1e-9a55-2f0d3c1b0a01").setSection("Stalls")
            .setRow("B").setSeatLabel("4").setTier("A").setHolderName("Zoë Ångström 李").setQrPayload("TM1.k1.c2VhdA.c2lnbmF0dXJl").build();
    private static final Ticket PLACE = Ticket.newBuilder().setTicketId("7d5c0a4e-2222-4c1e-9a55-2f0d3c1b0a02").setSection("Floor")
            .setTier("B").setQrPayload("TM1.k1.cGxhY2U.c2lnbmF0dXJlMg").build();

    @Test
    void eachTicketHasAPageNamingTheShowItsPlaceAndHolderAndACodeThatScansFromIt() throws Exception {
        try (PDDocument pdf = Loader.loadPDF(PrintedTickets.pdf(SHOW, "TM-AAAA-BBBB", List.of(SEAT, PLACE)))) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(2);
            String first = text(pdf, 1);
            assertThat(first).contains("Hamlet").contains("Saturday 12 June 2027 at 18:30 (Europe/London)").contains("Globe Theatre, London")
                    .contains("Stalls, row B, seat 4").contains("Tier A").contains("Holder: Zoë Ångström ?")
                    .contains("Booking TM-AAAA-BBBB").contains(SEAT.getTicketId());
            assertThat(text(pdf, 2)).contains("Floor, standing").doesNotContain("Holder");
            PDFRenderer renderer = new PDFRenderer(pdf);
            assertThat(scan(renderer.renderImageWithDPI(0, 150))).isEqualTo(SEAT.getQrPayload());
            assertThat(scan(renderer.renderImageWithDPI(1, 150))).isEqualTo(PLACE.getQrPayload());
        }
    }

    @Test
    void namesAndTitlesInGreekCyrillicAndPolishPrintAsWrittenAndOnlyWhatTheFontLacksAsAQuestionMark() throws Exception {
        PrintedTickets.Show seagull = new PrintedTickets.Show("Чайка · Αντιγόνη", SHOW.startsAt(), "Europe/Warsaw", "Teatr Wielki, Łódź");
        Ticket ticket = SEAT.toBuilder().setHolderName("Łukasz Żółkiewski 李").build();
        try (PDDocument pdf = Loader.loadPDF(PrintedTickets.pdf(seagull, "TM-CCCC-DDDD", List.of(ticket)))) {
            assertThat(text(pdf, 1)).contains("Чайка · Αντιγόνη").contains("Teatr Wielki, Łódź").contains("Holder: Łukasz Żółkiewski ?");
            assertThat(scan(new PDFRenderer(pdf).renderImageWithDPI(0, 150))).isEqualTo(ticket.getQrPayload());
        }
    }

    @Test
    void aLongTitleIsWrappedToTwoLinesAndCutShort() throws Exception {
        try (PDDocument scratch = new PDDocument()) {
            PDFont bold = PrintedTickets.bold(scratch);
            List<String> lines = PrintedTickets.wrap(bold, 22, "The Most Lamentable Comedy and Most Cruel Death of Pyramus and Thisbe, "
                    + "as Played Before the Duke of Athens on His Wedding Day by the Rude Mechanicals", 483, 2);
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).startsWith("The Most Lamentable");
            assertThat(lines.get(1)).endsWith("...");
            for (String line : lines) {
                assertThat(bold.getStringWidth(line) / 1000 * 22).isLessThanOrEqualTo(483);
            }
            List<String> oneWord = PrintedTickets.wrap(bold, 22, "Supercalifragilisticexpialidocious".repeat(3), 483, 2);
            assertThat(oneWord).singleElement().satisfies(line -> {
                assertThat(line).endsWith("...");
                assertThat(bold.getStringWidth(line) / 1000 * 22).isLessThanOrEqualTo(483);
            });
            assertThat(PrintedTickets.wrap(bold, 22, "Hamlet", 483, 2)).containsExactly("Hamlet");
        }
    }

    private static String text(PDDocument pdf, int page) throws Exception {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        return stripper.getText(pdf);
    }

    private static String scan(BufferedImage page) throws Exception {
        int[] pixels = page.getRGB(0, 0, page.getWidth(), page.getHeight(), null, 0, page.getWidth());
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(page.getWidth(), page.getHeight(), pixels))))
                .getText();
    }
}
