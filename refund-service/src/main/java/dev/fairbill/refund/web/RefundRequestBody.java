package dev.fairbill.refund.web;

import java.util.List;

import dev.fairbill.contracts.refund.RefundReason;
import dev.fairbill.platform.web.MoneyBody;
import dev.fairbill.refund.refundcase.Evidence;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A refund request (and its preview): exactly one target. */
public record RefundRequestBody(@NotBlank @Size(max = 64) String accountId,
                                @Size(max = 64) String chargeId,
                                @Size(max = 64) String purchaseId,
                                @Size(max = 64) String subscriptionId,
                                @NotNull RefundReason reason,
                                @Valid MoneyBody amount,
                                @Size(max = 4000) String explanation,
                                @Size(max = 20) List<@Valid @NotNull EvidenceBody> evidence) {

    public record EvidenceBody(@NotNull Evidence.EvidenceKind kind, @Size(max = 500) String reference) {
    }
}
