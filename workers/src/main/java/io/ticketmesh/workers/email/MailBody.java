package io.ticketmesh.workers.email;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * An email's words, written once and rendered twice: as plain text (paragraphs apart by a blank line, the last ending in a
 * line break) and as HTML for the clients that show it (the same paragraphs, links that can be tapped, the show as a
 * heading and each ticket with its QR code drawn in place). The HTML has inline styles only, as mail clients keep them,
 * and every word from outside is escaped.
 */
final class MailBody {
    private static final Pattern LINK = Pattern.compile("https?://\\S+");
    private static final String FONT = "font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;";
    private final List<String> text = new ArrayList<>();
    private final StringBuilder html = new StringBuilder();

    /** One entry of a list: its line of text, and the inline image drawn above it in HTML ({@code null} for none). */
    record Item(String line, String imageContentId) {}

    /** The show as the first paragraph: what and when as the heading, where under it; nothing when unknown. */
    MailBody show(Optional<Shows.Show> show) {
        show.ifPresent(known -> {
            text.add(known.describe());
            html.append("<h1 style=\"font-size:20px;margin:0 0 4px\">").append(escape(known.headline())).append("</h1>");
            if (!known.venue().isEmpty()) {
                html.append("<p style=\"margin:0 0 16px;color:#555\">").append(escape(known.venue())).append("</p>");
            }
        });
        return this;
    }

    /** A paragraph of lines; in HTML, any web address in them is a link. */
    MailBody paragraph(String... lines) {
        text.add(String.join("\n", lines));
        html.append("<p style=\"margin:0 0 16px\">");
        for (int i = 0; i < lines.length; i++) {
            html.append(i == 0 ? "" : "<br>").append(linked(escape(lines[i])));
        }
        html.append("</p>");
        return this;
    }

    /** A list, a line each ("- " before it in text); in HTML an entry with an image shows it above its line. */
    MailBody items(List<Item> items) {
        if (items.isEmpty()) {
            return this;
        }
        text.add(String.join("\n", items.stream().map(item -> "- " + item.line()).toList()));
        for (Item item : items) {
            html.append("<div style=\"margin:0 0 16px;padding:12px;border:1px solid #ddd;border-radius:8px\">");
            if (item.imageContentId() != null) {
                html.append("<img src=\"cid:").append(escape(item.imageContentId())).append("\" width=\"").append(Emails.QR_PIXELS)
                        .append("\" height=\"").append(Emails.QR_PIXELS).append("\" alt=\"QR code\" style=\"display:block\">");
            }
            html.append("<div>").append(escape(item.line())).append("</div></div>");
        }
        return this;
    }

    String text() {
        return String.join("\n\n", text) + "\n";
    }

    /** A whole HTML document, {@code title} its title. */
    String html(String title) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>"
                + escape(title) + "</title></head><body style=\"margin:0;padding:24px;background:#fff;color:#111;" + FONT
                + "font-size:15px;line-height:1.4\"><div style=\"max-width:600px;margin:0 auto\">" + html + "</div></body></html>";
    }

    private static String escape(String value) {
        return HtmlUtils.htmlEscape(value, "UTF-8");
    }

    /** Escaped text with its web addresses made links (an escaped address is what its attribute needs). */
    private static String linked(String escaped) {
        Matcher address = LINK.matcher(escaped);
        return address.replaceAll(found -> Matcher.quoteReplacement("<a href=\"" + found.group() + "\">" + found.group() + "</a>"));
    }
}
