package dev.fairbill.platform.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

class PageTest {

    private final PageRequest twoPerPage = new PageRequest(2, Optional.empty());

    @Test
    void rowBeyondTheLimitIsDroppedAndBecomesTheNextCursor() {
        Page<String> page = Page.of(List.of("a", "b", "c"), twoPerPage, row -> row);

        assertThat(page.data()).containsExactly("a", "b");
        assertThat(Cursor.decode(page.nextCursor())).isEqualTo("b");
    }

    @Test
    void lastPageHasNoNextCursor() {
        assertThat(Page.of(List.of("a", "b"), twoPerPage, row -> row).nextCursor()).isNull();
    }

    @Test
    void serialisesWithAnExplicitNullCursor() {
        var json = JsonMapper.builder().build();

        assertThat(json.writeValueAsString(new Page<>(List.of(1, 2), null)))
                .isEqualTo("{\"data\":[1,2],\"nextCursor\":null}");
    }
}
