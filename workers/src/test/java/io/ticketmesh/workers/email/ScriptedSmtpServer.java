package io.ticketmesh.workers.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP server on 127.0.0.1 that answers as it is told: a recipient refused with a given reply, the mail's content
 * refused after its closing dot, the sender refused. The embedded server of the other tests takes every mail, so the
 * refusals a real relay gives are spoken here, over a real socket, to the real SMTP client.
 */
final class ScriptedSmtpServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Map<String, String> recipientReplies = new ConcurrentHashMap<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile String senderReply = "250 2.1.0 OK";
    private volatile String contentReply = "250 2.0.0 OK queued";

    ScriptedSmtpServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Answers RCPT for this address with the reply. */
    ScriptedSmtpServer refusing(String address, String reply) {
        recipientReplies.put(address.toLowerCase(Locale.ROOT), reply);
        return this;
    }

    /** Answers the closing dot of every mail with the reply. */
    ScriptedSmtpServer answeringContent(String reply) {
        contentReply = reply;
        return this;
    }

    /** Answers MAIL FROM with the reply. */
    ScriptedSmtpServer answeringSender(String reply) {
        senderReply = reply;
        return this;
    }

    /** Mails taken (their closing dot answered 250). */
    int accepted() {
        return accepted.get();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread.ofVirtual().start(() -> converse(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket client) {
        try (client;
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII)) {
            reply(out, "220 scripted ESMTP");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                    reply(out, "250 scripted");
                } else if (command.startsWith("MAIL FROM:")) {
                    reply(out, senderReply);
                } else if (command.startsWith("RCPT TO:")) {
                    String address = line.substring(line.indexOf('<') + 1, line.lastIndexOf('>')).toLowerCase(Locale.ROOT);
                    reply(out, recipientReplies.getOrDefault(address, "250 2.1.5 OK"));
                } else if (command.equals("DATA")) {
                    reply(out, "354 end with <CRLF>.<CRLF>");
                    for (String content = in.readLine(); content != null && !content.equals("."); content = in.readLine()) {
                        // the mail itself is not kept
                    }
                    String said = contentReply;
                    if (said.startsWith("250")) {
                        accepted.incrementAndGet();
                    }
                    reply(out, said);
                } else if (command.equals("QUIT")) {
                    reply(out, "221 2.0.0 bye");
                    return;
                } else if (command.equals("RSET") || command.equals("NOOP")) {
                    reply(out, "250 2.0.0 OK");
                } else {
                    reply(out, "502 5.5.1 not implemented");
                }
            }
        } catch (IOException dropped) {
            // the client went away
        }
    }

    private static void reply(Writer out, String line) throws IOException {
        out.write(line + "\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
