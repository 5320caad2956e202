package dev.fairbill.billing;

import java.util.List;
import java.util.Map;

import dev.fairbill.platform.testsupport.ArchitectureRules;

class ArchitectureTest extends ArchitectureRules {

    ArchitectureTest() {
        super("billing", Map.of("account", "Account", "charge", "Charge", "subscription", "Subscription",
                        "dispute", "Dispute", "purchase", "Purchase"),
                List.of("ids", "catalog"), List.of("payment", "webhook", "notification"));
    }
}
