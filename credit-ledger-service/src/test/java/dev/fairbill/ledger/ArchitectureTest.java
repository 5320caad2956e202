package dev.fairbill.ledger;

import dev.fairbill.platform.testsupport.ArchitectureRules;

class ArchitectureTest extends ArchitectureRules {

    ArchitectureTest() {
        super("ledger");
    }
}
