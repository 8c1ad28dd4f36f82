package io.ticketmesh.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The figures of a run, in order: shown as "name: value" lines and as one JSON object. */
public final class Report {
    private final String title;
    private final Map<String, Object> figures = new LinkedHashMap<>();

    public Report(String scenario, String title) {
        this.title = title;
        figures.put("scenario", scenario);
        figures.put("cores", Runtime.getRuntime().availableProcessors());
    }

    public Report put(String name, Object value) {
        figures.put(name, value instanceof Double d ? Math.round(d * 100) / 100.0 : value);
        return this;
    }

    String human() {
        return title + "\n" + figures.entrySet().stream().map(e -> String.format("  %-22s %s", e.getKey(), e.getValue()))
                .collect(Collectors.joining("\n"));
    }

    String json() {
        return figures.entrySet().stream().map(e -> quote(e.getKey()) + ":" + value(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String value(Object value) {
        return value instanceof Number || value instanceof Boolean ? value.toString() : quote(String.valueOf(value));
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
