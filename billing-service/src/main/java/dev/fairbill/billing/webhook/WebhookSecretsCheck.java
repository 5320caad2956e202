package dev.fairbill.billing.webhook;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Stops the service at startup unless every tenant of the catalog has its webhook secrets, and, outside the local
 * profile, unless none of them is one of the published local test secrets ({@code whsec_test_…}): anyone could sign
 * a dispute with those, which suspends an account and freezes its ledger.
 */
final class WebhookSecretsCheck {

    static final String PUBLISHED_PREFIX = "whsec_test_";

    static void verify(WebhookSecrets secrets, Collection<String> tenants, boolean localProfile) {
        List<String> missing = tenants.stream().filter(tenant -> !secrets.webhooks().containsKey(tenant)).sorted()
                .toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("No webhook secrets for tenant(s) " + missing + ": set "
                    + "FAIRBILL_WEBHOOKS_<TENANT>_STRIPESECRETS (comma-separated while a secret is rolled) and "
                    + "FAIRBILL_WEBHOOKS_<TENANT>_ADYENHMACKEY (hex) for each, e.g. from a Kubernetes Secret; only "
                    + "the local profile has test secrets");
        }
        if (localProfile) {
            return;
        }
        List<String> published = secrets.webhooks().entrySet().stream()
                .filter(entry -> entry.getValue().stripeSecrets().stream()
                        .anyMatch(secret -> secret.startsWith(PUBLISHED_PREFIX))
                        || new String(HexFormat.of().parseHex(entry.getValue().adyenHmacKey()), UTF_8)
                        .startsWith(PUBLISHED_PREFIX))
                .map(Map.Entry::getKey).sorted().toList();
        if (!published.isEmpty()) {
            throw new IllegalStateException("The webhook secrets of tenant(s) " + published + " are the published "
                    + "local test secrets (" + PUBLISHED_PREFIX + "…), which anyone can sign with; outside the local "
                    + "profile set the processors' real secrets");
        }
    }

    private WebhookSecretsCheck() {
    }
}
