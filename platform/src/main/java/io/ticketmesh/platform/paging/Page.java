package io.ticketmesh.platform.paging;

import com.google.protobuf.Message;
import java.util.List;
import java.util.function.Function;

/**
 * A page of a list that was read one row past the page's size: the rows asked for, and the token of the next page,
 * empty on the last one (the extra row says whether there is more without counting). The token belongs to the list
 * the request asks for ({@link Cursor#parse(Message)} refuses it with other filters or from another caller).
 */
public record Page<T>(List<T> rows, String nextToken) {

    public static <T> Page<T> of(List<T> read, int size, Function<T, Cursor> position, Message request) {
        if (read.size() <= size) {
            return new Page<>(read, "");
        }
        return new Page<>(read.subList(0, size), position.apply(read.get(size - 1)).token(request));
    }
}
