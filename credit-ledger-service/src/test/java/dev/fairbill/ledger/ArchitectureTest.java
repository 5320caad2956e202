package dev.fairbill.ledger;

import java.util.List;
import java.util.Map;

import dev.fairbill.platform.testsupport.ArchitectureRules;

class ArchitectureTest extends ArchitectureRules {

    ArchitectureTest() {
        super("ledger", Map.of("ledger", "CreditLedger"), List.of(), List.of());
    }
}
