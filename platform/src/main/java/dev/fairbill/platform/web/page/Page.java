package dev.fairbill.platform.web.page;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A list response: {@code {"data": [...], "nextCursor": "..." | null}}. */
public record Page<T>(List<T> data, @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {

    public Page {
        data = List.copyOf(data);
    }

    /**
     * The page for {@code rows} fetched with {@link PageRequest#fetchSize()}: a row beyond the limit means there is
     * more, and the cursor then points after the last row returned.
     */
    public static <T> Page<T> of(List<T> rows, PageRequest request, Function<T, String> position) {
        if (rows.size() <= request.limit()) {
            return new Page<>(rows, null);
        }
        List<T> data = rows.subList(0, request.limit());
        return new Page<>(data, Cursor.encode(position.apply(data.getLast())));
    }
}
