package dev.fairbill.refund;

import dev.fairbill.platform.testsupport.ArchitectureRules;

class ArchitectureTest extends ArchitectureRules {

    ArchitectureTest() {
        super("refund");
    }
}
