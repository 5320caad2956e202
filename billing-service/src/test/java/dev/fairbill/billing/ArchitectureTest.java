package dev.fairbill.billing;

import dev.fairbill.platform.testsupport.ArchitectureRules;

class ArchitectureTest extends ArchitectureRules {

    ArchitectureTest() {
        super("billing");
    }
}
