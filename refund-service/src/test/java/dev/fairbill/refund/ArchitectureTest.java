package dev.fairbill.refund;

import java.util.List;
import java.util.Map;

import dev.fairbill.platform.testsupport.ArchitectureRules;

class ArchitectureTest extends ArchitectureRules {

    ArchitectureTest() {
        super("refund", Map.of("refundcase", "RefundCase", "incident", "Incident"), List.of("ids", "policy"),
                List.of());
    }
}
