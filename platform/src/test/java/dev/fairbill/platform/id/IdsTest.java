package dev.fairbill.platform.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.fairbill.platform.rules.RuleViolation;

class IdsTest {

    @ParameterizedTest
    @EnumSource(IdPrefix.class)
    void generatedIdIsPrefixPlus26CrockfordCharactersAndValid(IdPrefix prefix) {
        String id = Ids.generate(prefix);

        assertThat(id).startsWith(prefix.prefix()).hasSize(prefix.prefix().length() + 26);
        assertThat(id.substring(prefix.prefix().length())).matches("[0-7][0-9A-HJKMNP-TV-Z]{25}");
        assertThat(Ids.isValid(prefix, id)).isTrue();
    }

    @Test
    void generatedIdsDoNotRepeat() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(Ids.generate(IdPrefix.CHARGE));
        }

        assertThat(ids).hasSize(10_000);
    }

    @Test
    void idOfAnotherTypeIsInvalid() {
        String subscription = Ids.generate(IdPrefix.SUBSCRIPTION);

        assertThat(Ids.isValid(IdPrefix.ACCOUNT, subscription)).isFalse();
        assertThat(Ids.isValid(IdPrefix.REFUND, Ids.generate(IdPrefix.REFUND_CASE))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "acct_", "acct_01J9Z3K8Q4M5N6P7R8S9T0V1W", "acct_01J9Z3K8Q4M5N6P7R8S9T0V1W23",
            "acct_01j9z3k8q4m5n6p7r8s9t0v1w2", "acct_01J9Z3K8Q4M5N6P7R8S9T0V1WU", "acct_81J9Z3K8Q4M5N6P7R8S9T0V1W2",
            "ACCT_01J9Z3K8Q4M5N6P7R8S9T0V1W2"})
    void nonCanonicalIdsAreInvalid(String candidate) {
        assertThat(Ids.isValid(IdPrefix.ACCOUNT, candidate)).isFalse();
    }

    @Test
    void canonicalIdIsValid() {
        assertThat(Ids.isValid(IdPrefix.ACCOUNT, "acct_01J9Z3K8Q4M5N6P7R8S9T0V1W2")).isTrue();
        assertThat(Ids.isValid(IdPrefix.ACCOUNT, null)).isFalse();
    }

    @Test
    void malformedPathIdAnswersNotFound() {
        assertThatThrownBy(() -> Ids.requireValid(IdPrefix.CHARGE, "sub_01J9Z3K8Q4M5N6P7R8S9T0V1W2"))
                .isInstanceOfSatisfying(RuleViolation.class,
                        e -> assertThat(e.detail()).isEqualTo("Charge sub_01J9Z3K8Q4M5N6P7R8S9T0V1W2 not found"));
        assertThat(Ids.requireValid(IdPrefix.CHARGE, "ch_01J9Z3K8Q4M5N6P7R8S9T0V1W2"))
                .isEqualTo("ch_01J9Z3K8Q4M5N6P7R8S9T0V1W2");
    }

    @Test
    void derivedIdIsCanonicalAndTheSameForTheSameNameOnly() {
        String derived = Ids.derive(IdPrefix.CHARGE, "sub_X|2026-11-01T00:00:00Z|0");

        assertThat(derived).isEqualTo("ch_1B0QW7J08FXQ08PT0E21ASH9P0");
        assertThat(Ids.isValid(IdPrefix.CHARGE, derived)).isTrue();
        assertThat(Ids.derive(IdPrefix.CHARGE, "sub_X|2026-11-01T00:00:00Z|0")).isEqualTo(derived);
        assertThat(Ids.derive(IdPrefix.CHARGE, "sub_X|2026-11-01T00:00:00Z|1")).isNotEqualTo(derived);
    }
}
