package dev.fairbill.billing.messaging;

import org.springframework.stereotype.Component;

import dev.fairbill.billing.charge.ChargeCommands.RefundCharge;
import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.process.ChargePayments;
import dev.fairbill.contracts.billing.RefundChargeRequestedV1;
import dev.fairbill.platform.messaging.InboundHandler;
import dev.fairbill.platform.messaging.InboundMessage;

/**
 * The refund saga's request to refund a charge. The inbox applies a message id once; the charge refunds a refund id
 * once, so a request re-sent under a new message id pays nothing twice either. The charge answers every request,
 * refused ones as {@code charge-refund-failed.v1}; only a request for an unknown charge is dead-lettered (ADR 0007).
 */
@Component
public class RefundChargeOnRequest implements InboundHandler<RefundChargeRequestedV1> {

    private final ChargePayments payments;

    public RefundChargeOnRequest(ChargePayments payments) {
        this.payments = payments;
    }

    @Override
    public String type() {
        return RefundChargeRequestedV1.TYPE;
    }

    @Override
    public Class<RefundChargeRequestedV1> dataType() {
        return RefundChargeRequestedV1.class;
    }

    @Override
    public void handle(RefundChargeRequestedV1 request, InboundMessage message) {
        payments.refund(new RefundCharge(ChargeId.of(request.chargeId()), request.refundId(), request.tenant(),
                AccountId.of(request.accountId()), WireMoney.money(request.amount()), request.reason()));
    }
}
