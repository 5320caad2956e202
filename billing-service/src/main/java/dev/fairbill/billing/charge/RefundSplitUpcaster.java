package dev.fairbill.billing.charge;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.fairbill.platform.axon.upcasting.NestingUpcaster;

/**
 * Reads {@code ChargeRefundRequested} stored without a revision, which listed how the refund divides field by field,
 * as revision 2, which keeps that as one {@code RefundSplit} value.
 */
@Component
public class RefundSplitUpcaster extends NestingUpcaster {

    public RefundSplitUpcaster() {
        super(List.of("ChargeRefundRequested"), null, "2",
                Map.of("split", List.of("amount", "toCard", "toBalance")), Map.of());
    }
}
