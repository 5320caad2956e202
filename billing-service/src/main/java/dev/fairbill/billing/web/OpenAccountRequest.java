package dev.fairbill.billing.web;

import dev.fairbill.billing.account.AccountRole;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * @param testClock a test clock of the tenant to open the account on (test-mode keys only): the account then lives at
 *                  that clock's time
 */
public record OpenAccountRequest(@NotBlank @Size(max = 255) String externalRef,
                                 @NotNull AccountRole role,
                                 @Size(max = 64) String parentAccountId,
                                 @Email @Size(max = 320) String email,
                                 @Size(max = 255) String defaultPaymentMethod,
                                 @Size(max = 64) String testClock) {
}
