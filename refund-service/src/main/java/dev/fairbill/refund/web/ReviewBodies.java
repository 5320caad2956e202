package dev.fairbill.refund.web;

import dev.fairbill.platform.web.MoneyBody;
import dev.fairbill.platform.web.input.InputLimits;
import dev.fairbill.refund.policy.Decision;
import dev.fairbill.refund.policy.RemedyKind;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * The bodies of the reviewer's endpoints: approve {@code {amount?, destination?, remedy?, note}}, reject, complete a
 * remedy.
 */
final class ReviewBodies {

    /** With {@code remedy}: grant it instead of money (then neither {@code amount} nor {@code destination}). */
    record Approve(@Valid MoneyBody amount, Decision.Destination destination, @Valid RemedyBody remedy,
                   @NotBlank @Size(max = 4000) String note) {

        Decision.Remedy remedyDecided() {
            return remedy == null ? null : new Decision.Remedy(remedy.kind().name(), null, remedy.credits());
        }
    }

    /** {@code credits}: the service credits to grant, or the units to refill; the other remedies have none. */
    record RemedyBody(@NotNull RemedyKind kind, @Positive @Max(InputLimits.MAX_AMOUNT) Long credits) {
    }

    /** A note is all a rejection or a finished remedy task needs. */
    record Note(@NotBlank @Size(max = 4000) String note) {
    }

    private ReviewBodies() {
    }
}
