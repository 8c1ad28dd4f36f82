package io.ticketmesh.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} pairs after the scenario name. */
public final class Options {
    /** An option the command line got wrong: Bench prints its message and the usage instead of a stack trace. */
    public static final class BadOption extends IllegalArgumentException {
        BadOption(String message) {
            super(message);
        }
    }

    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    static Options parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new BadOption("expected --name value, got " + args[i]);
            }
            values.put(args[i].substring(2), args[++i]);
        }
        return new Options(values);
    }

    public int integer(String name, int fallback) {
        try {
            return values.containsKey(name) ? Integer.parseInt(values.get(name)) : fallback;
        } catch (NumberFormatException e) {
            throw new BadOption("--" + name + " takes a whole number, not " + values.get(name));
        }
    }

    public String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** The option's value, one of {@code choices} (the first by default). */
    public String choice(String name, String... choices) {
        String value = values.getOrDefault(name, choices[0]);
        if (!List.of(choices).contains(value)) {
            throw new BadOption("--" + name + " takes " + String.join(" or ", choices) + ", not " + value);
        }
        return value;
    }
}
