package dev.fairbill.refund.web;

import dev.fairbill.platform.web.MoneyBody;
import dev.fairbill.refund.policy.Decision;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The bodies of the reviewer's endpoints: approve {@code {amount?, destination?, note}}, reject, complete a remedy. */
final class ReviewBodies {

    record Approve(@Valid MoneyBody amount, Decision.Destination destination,
                   @NotBlank @Size(max = 4000) String note) {
    }

    /** A note is all a rejection or a finished remedy task needs. */
    record Note(@NotBlank @Size(max = 4000) String note) {
    }

    private ReviewBodies() {
    }
}
