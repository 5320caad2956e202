package dev.fairbill.platform.web.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.fairbill.platform.web.ValidationFailedException;

class CursorTest {

    @Test
    void positionSurvivesTheRoundTripAndTheCursorIsUrlSafe() {
        for (String position : List.of("acct_01J9Z3K8Q4M5N6P7R8S9T0V1W2", "2026-11-22T10:15:30Z|ch_1", "ü?&/+")) {
            String cursor = Cursor.encode(position);
            assertThat(cursor).matches("[A-Za-z0-9_-]+");
            assertThat(Cursor.decode(cursor)).isEqualTo(position);
        }
    }

    @Test
    void cursorThatIsNotBase64UrlOfUtf8IsAValidationFailure() {
        for (String cursor : List.of("a+b/", "%%%", "_w")) {
            assertThatThrownBy(() -> Cursor.decode(cursor))
                    .isInstanceOfSatisfying(ValidationFailedException.class,
                            e -> assertThat(e.errors()).extracting("field").containsExactly("after"));
        }
    }
}
