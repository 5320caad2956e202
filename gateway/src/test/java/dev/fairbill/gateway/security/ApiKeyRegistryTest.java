package dev.fairbill.gateway.security;

import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.fairbill.gateway.config.ApiKeyProperties;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyRegistryTest {

    private static final Set<Scope> READ = Set.of(Scope.BILLING_READ, Scope.LEDGER_READ, Scope.REFUNDS_READ);

    private final ApiKeyRegistry registry = new ApiKeyRegistry(List.of(
            key("key_panel_admin", "panel", "sk_test_panel", Set.of(Scope.values())),
            key("key_panel_read", "panel", "rk_test_panel", READ)));

    @Test
    void findsTheCallerOwningAKey() {
        assertThat(registry.find("rk_test_panel")).contains(new Caller("key_panel_read", "panel", READ));
        assertThat(registry.find("sk_test_panel")).get().extracting(Caller::keyId).isEqualTo("key_panel_admin");
    }

    @Test
    void unknownKeyFindsNobody() {
        assertThat(registry.find("sk_test_nobody")).isEmpty();
        assertThat(registry.find("")).isEmpty();
    }

    @Test
    void keyDifferingInOneCharacterFindsNobody() {
        assertThat(registry.find("sk_test_panem")).isEmpty();
        assertThat(registry.find("SK_TEST_PANEL")).isEmpty();
        assertThat(registry.find("sk_test_panel ")).isEmpty();
    }

    @Test
    void hashIsTheSha256OfTheKeysUtf8Bytes() {
        assertThat(HexFormat.of().formatHex(ApiKeyRegistry.sha256("abc")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void onlyAKeyConfiguredAsTestModeIsOne() {
        String hash = HexFormat.of().formatHex(ApiKeyRegistry.sha256("sk_test_chat"));
        ApiKeyRegistry modes = new ApiKeyRegistry(List.of(
                new ApiKeyProperties("key_chat_test", "chat", hash, Set.of(Scope.BILLING_READ), "test")));

        assertThat(modes.find("sk_test_chat")).get().extracting(Caller::testMode).isEqualTo(true);
        assertThat(registry.find("sk_test_panel")).get().extracting(Caller::testMode)
                .as("a key without a mode is live").isEqualTo(false);
    }

    @Test
    void upperCaseHexHashIsAccepted() {
        String upperCaseHash = HexFormat.of().formatHex(ApiKeyRegistry.sha256("sk_test_chat")).toUpperCase(Locale.ROOT);
        ApiKeyRegistry upperCase = new ApiKeyRegistry(List.of(
                new ApiKeyProperties("key_chat_admin", "chat", upperCaseHash, Set.of(Scope.BILLING_READ), null)));

        assertThat(upperCase.find("sk_test_chat")).isPresent();
    }

    private static ApiKeyProperties key(String id, String tenant, String plaintext, Set<Scope> scopes) {
        return new ApiKeyProperties(id, tenant, HexFormat.of().formatHex(ApiKeyRegistry.sha256(plaintext)), scopes, null);
    }
}
