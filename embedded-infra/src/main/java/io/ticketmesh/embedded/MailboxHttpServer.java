package io.ticketmesh.embedded;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Shows what the embedded SMTP server received: an HTML list at {@code /} (each mail's text, and its HTML drawn as a
 * client would) and JSON at {@code /api/messages} ({@code [{to, from, subject, received_at, body, html, attachments}]},
 * newest first).
 */
public final class MailboxHttpServer implements AutoCloseable {
    private final HttpServer server;

    private MailboxHttpServer(HttpServer server) {
        this.server = server;
    }

    public static MailboxHttpServer start(int port, EmbeddedSmtpServer smtp) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
            server.createContext("/api/messages", exchange ->
                    respond(exchange, "application/json", toJson(newestFirst(smtp))));
            server.createContext("/", exchange -> respond(exchange, "text/html; charset=utf-8", toHtml(newestFirst(smtp))));
            server.start();
            return new MailboxHttpServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException("mailbox viewer did not start on port " + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static List<ReceivedMail> newestFirst(EmbeddedSmtpServer smtp) {
        return smtp.messages().reversed();
    }

    private static void respond(HttpExchange exchange, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(200, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static String toJson(List<ReceivedMail> mails) {
        return mails.stream().map(m -> "{\"to\":[" + m.to().stream().map(MailboxHttpServer::jsonString)
                        .collect(Collectors.joining(",")) + "],\"from\":" + jsonString(m.from())
                        + ",\"subject\":" + jsonString(m.subject())
                        + ",\"received_at\":" + jsonString(m.receivedAt().toString())
                        + ",\"body\":" + jsonString(m.body())
                        + ",\"html\":" + jsonString(m.html())
                        + ",\"attachments\":" + m.attachments().stream().map(a -> "{\"filename\":" + jsonString(a.filename())
                                + ",\"content_type\":" + jsonString(a.contentType()) + ",\"size\":" + a.content().length + "}")
                        .collect(Collectors.joining(",", "[", "]")) + "}")
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static String toHtml(List<ReceivedMail> mails) {
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>Ticketmesh mail</title>"
                + "<style>body{font-family:sans-serif;margin:2em}details{border-bottom:1px solid #ddd;padding:.5em 0}"
                + "pre{white-space:pre-wrap;background:#f6f6f6;padding:1em}</style></head><body>"
                + "<h1>Mail received by the local stack</h1><p>" + mails.size() + " message(s). JSON: <a href=\"/api/messages\">/api/messages</a></p>");
        for (ReceivedMail mail : mails) {
            html.append("<details><summary><b>").append(escapeHtml(mail.subject())).append("</b> to ")
                    .append(escapeHtml(String.join(", ", mail.to()))).append(" at ").append(mail.receivedAt())
                    .append("</summary><pre>").append(escapeHtml(mail.body())).append("</pre>");
            if (!mail.html().isEmpty()) {
                // as a mail client shows it: the images it refers to by content id drawn in place, its scripts not run
                html.append("<iframe sandbox title=\"as HTML\" style=\"width:100%;height:480px;border:1px solid #ddd\" srcdoc=\"")
                        .append(escapeHtml(withImagesInPlace(mail))).append("\"></iframe>");
            }
            mail.attachments().forEach(a -> html.append("<p>attached: ").append(escapeHtml(a.filename())).append(" (")
                    .append(escapeHtml(a.contentType())).append(", ").append(a.content().length).append(" bytes)</p>"));
            html.append("</details>");
        }
        return html.append("</body></html>").toString();
    }

    /** The mail's HTML with each {@code cid:} reference to one of its parts replaced by that part as a data URL. */
    static String withImagesInPlace(ReceivedMail mail) {
        String html = mail.html();
        for (ReceivedMail.Attachment part : mail.attachments()) {
            if (part.contentId() != null) {
                html = html.replace("cid:" + part.contentId(),
                        "data:" + part.contentType() + ";base64," + Base64.getEncoder().encodeToString(part.content()));
            }
        }
        return html;
    }

    static String jsonString(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String escapeHtml(String value) {
        return value == null ? "" : value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
