package dev.fairbill.refund.web;

import java.util.List;

import dev.fairbill.platform.web.MoneyBody;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** API.md {@code POST /api/v1/refund-requests} (and {@code /preview}): exactly one target. */
public record RefundRequestBody(@NotBlank @Size(max = 64) String accountId,
                                @Size(max = 64) String chargeId,
                                @Size(max = 64) String purchaseId,
                                @Size(max = 64) String subscriptionId,
                                @NotBlank @Size(max = 32) String reason,
                                @Valid MoneyBody amount,
                                @Size(max = 4000) String explanation,
                                @Size(max = 20) List<@Valid @NotNull EvidenceBody> evidence) {

    public record EvidenceBody(@NotBlank @Size(max = 32) String kind, @Size(max = 500) String reference) {
    }
}
