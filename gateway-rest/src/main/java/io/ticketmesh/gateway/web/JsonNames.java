package io.ticketmesh.gateway.web;

/** The REST API's field names are snake_case; Java's are camelCase. Violations name the field as clients see it. */
final class JsonNames {
    private JsonNames() {}

    static String snakeCase(String javaName) {
        if (javaName == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(javaName.length() + 4);
        for (char c : javaName.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
