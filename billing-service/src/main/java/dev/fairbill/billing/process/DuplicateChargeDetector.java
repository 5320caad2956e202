package dev.fairbill.billing.process;

import java.util.Optional;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import dev.fairbill.billing.charge.ChargeCommands.FlagChargeDuplicate;
import dev.fairbill.billing.charge.ChargeEvents.ChargeCaptured;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.charge.DuplicateRule;
import dev.fairbill.billing.query.ChargeCaptureKeys;

/**
 * Recognises duplicate charges (final-sale-reseller §8, final-sale-duplicates-refunded §4.3, exceptions-within-7-days
 * part 3) after capture: a second capture
 * for the same subscription and billing period, for the same purchase, or — for ad-hoc charges — for the same account,
 * amount and description within the window unless marked intentional. The first capture is the original and is never
 * flagged; each later one is flagged as its duplicate. A tracking processor: captures are seen one at a time in the
 * order they were stored, and the key claims commit together with the flag and the processor's token.
 */
@Component
@ProcessingGroup(DuplicateChargeDetector.PROCESSING_GROUP)
@EnableConfigurationProperties(DuplicateDetectionProperties.class)
public class DuplicateChargeDetector {

    public static final String PROCESSING_GROUP = "duplicate-charge-detector";

    private final ChargeCaptureKeys keys;
    private final DuplicateDetectionProperties properties;
    private final CommandGateway commands;

    public DuplicateChargeDetector(ChargeCaptureKeys keys, DuplicateDetectionProperties properties,
                                   CommandGateway commands) {
        this.keys = keys;
        this.properties = properties;
        this.commands = commands;
    }

    @EventHandler
    void on(ChargeCaptured event) {
        originalOf(event).ifPresent(original -> commands.sendAndWait(
                new FlagChargeDuplicate(event.chargeId(), original.chargeId(), original.rule())));
    }

    private Optional<Original> originalOf(ChargeCaptured event) {
        if (event.subscriptionId() != null && event.billingPeriodStart() != null) {
            String key = "subscription:" + event.subscriptionId() + ":" + event.billingPeriodStart();
            return keys.claim(event.tenant(), key, event.chargeId())
                    .map(id -> new Original(id, DuplicateRule.SAME_SUBSCRIPTION_PERIOD));
        }
        if (event.purchaseId() != null) {
            return keys.claim(event.tenant(), "purchase:" + event.purchaseId(), event.chargeId())
                    .map(id -> new Original(id, DuplicateRule.SAME_PURCHASE));
        }
        Optional<ChargeId> earlier = keys.recordAndFindEarlier(event.tenant(), event.accountId().value(),
                event.amount(), event.description() == null ? "" : event.description(), event.chargeId(),
                event.capturedAt(), properties.window());
        return event.intentional() ? Optional.empty()
                : earlier.map(id -> new Original(id, DuplicateRule.SAME_ACCOUNT_AMOUNT_DESCRIPTION));
    }

    private record Original(ChargeId chargeId, DuplicateRule rule) {
    }
}
