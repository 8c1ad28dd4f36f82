package io.ticketmesh.gateway.web;

import java.util.List;

/** Lists in query strings: a parameter repeated, comma-separated, or both ({@code ?seat_ids=a,b&seat_ids=c}). */
public final class QueryLists {
    private QueryLists() {}

    /** The parameter's values in order, each stripped, empty ones left out. */
    public static List<String> values(List<String> parameter) {
        return parameter.stream().flatMap(value -> List.of(value.split(",")).stream()).map(String::strip).filter(value -> !value.isEmpty())
                .toList();
    }
}
