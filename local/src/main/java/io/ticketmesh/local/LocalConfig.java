package io.ticketmesh.local;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the local stack keeps its data and which ports its infrastructure uses. Every port can be moved with an
 * environment variable (named below) when something else on the machine already has it; Kafka's port is chosen by
 * the in-process broker and printed at start.
 */
record LocalConfig(Path home, Path dataDirectory, boolean fresh, int postgresPort, int redisPort,
                   int smtpPort, int mailboxPort, String javaCommand) {

    static LocalConfig from(String[] args, Map<String, String> env) {
        boolean fresh = false;
        Path home = Path.of(env.getOrDefault("TICKETMESH_HOME", ".")).toAbsolutePath().normalize();
        Path data = home.resolve(".data");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--fresh" -> fresh = true;
                case "--data-dir" -> data = Path.of(args[++i]).toAbsolutePath();
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (known: --fresh, --data-dir DIR)");
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new LocalConfig(home, data, fresh,
                port(env, "TM_POSTGRES_PORT", 15432), port(env, "TM_REDIS_PORT", 16379),
                port(env, "TM_SMTP_PORT", 2525), port(env, "TM_MAILBOX_PORT", 8025),
                java);
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        try {
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, not '" + value + "'");
        }
    }
}
