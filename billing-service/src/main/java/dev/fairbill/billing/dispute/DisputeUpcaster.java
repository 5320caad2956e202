package dev.fairbill.billing.dispute;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.fairbill.platform.axon.upcasting.NestingUpcaster;

/**
 * Reads {@code DisputeOpened} stored at revision 1, which listed what is disputed field by field, as revision 2, which
 * keeps it as one {@code DisputeTerms} value.
 */
@Component
public class DisputeUpcaster extends NestingUpcaster {

    public DisputeUpcaster() {
        super(List.of("DisputeOpened"), "1", "2", Map.of("terms", List.of("amount", "reason", "dueBy")), Map.of());
    }
}
