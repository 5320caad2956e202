package dev.fairbill.billing.messaging;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fairbill.billing.charge.ChargeCommands.RecordRefundToBalance;
import dev.fairbill.billing.charge.ChargeCommands.SettleChargeFromBalance;
import dev.fairbill.billing.ids.AccountId;
import dev.fairbill.billing.ids.ChargeId;
import dev.fairbill.billing.process.ChargePayments;
import dev.fairbill.billing.query.AccountCashBalances;
import dev.fairbill.billing.query.AccountTiers;
import dev.fairbill.contracts.ledger.CashBalanceAppliedV1;
import dev.fairbill.contracts.ledger.CashBalanceChangedV1;
import dev.fairbill.contracts.ledger.LotGrantedV1;
import dev.fairbill.contracts.ledger.TierChangedV1;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.id.Ids;
import dev.fairbill.platform.messaging.InboundHandler;
import dev.fairbill.platform.money.Money;

/**
 * What billing does with the credit ledger's events, each applied once through the inbox: cash balance facts, so that
 * charges pay from cash balance first (ADR 0010), and resellers' tiers.
 */
@Configuration(proxyBeanMethods = false)
class LedgerEventHandlers {

    static final String REFUND_BALANCE = "REFUND_BALANCE";

    /** Billing's view of the account's balance; a fact older than the recorded one (by version) is ignored. */
    @Bean
    InboundHandler<CashBalanceChangedV1> cashBalanceChanges(AccountCashBalances balances) {
        return InboundHandler.of(CashBalanceChangedV1.TYPE, CashBalanceChangedV1.class, changed ->
                balances.record(changed.accountId(), WireMoney.money(changed.balance()), changed.version()));
    }

    /**
     * A cash lot the ledger granted for another service's refund of a charge (a refund case paid to the account
     * balance; its operation id is the refund id): the charge records it as refunded. Other grants change nothing.
     */
    @Bean
    InboundHandler<LotGrantedV1> refundsToBalance(CommandGateway commands) {
        return InboundHandler.of(LotGrantedV1.TYPE, LotGrantedV1.class, granted -> {
            if (REFUND_BALANCE.equals(granted.source()) && granted.chargeId() != null
                    && Ids.isValid(IdPrefix.REFUND, granted.operationId())) {
                commands.sendAndWait(new RecordRefundToBalance(ChargeId.of(granted.chargeId()), granted.tenant(),
                        AccountId.of(granted.accountId()), granted.operationId(),
                        Money.of(granted.amount(), granted.unit())));
            }
        });
    }

    /**
     * The ledger's answer to a charge awaiting balance: the charge keeps what the balance paid and captures the rest
     * through the processor. The charge settles once, so a repeated answer changes nothing; an answer for a charge
     * billing does not know fails and is dead-lettered for an operator.
     */
    @Bean
    InboundHandler<CashBalanceAppliedV1> cashBalanceAnswers(ChargePayments payments) {
        return InboundHandler.of(CashBalanceAppliedV1.TYPE, CashBalanceAppliedV1.class, answer ->
                payments.settleFromBalance(new SettleChargeFromBalance(ChargeId.of(answer.chargeId()), answer.tenant(),
                        AccountId.of(answer.accountId()), WireMoney.money(answer.applied()))));
    }

    /** The ledger publishes resellers' tiers; billing keeps them to gate sub-reseller creation (final-sale-reseller §5). */
    @Bean
    InboundHandler<TierChangedV1> tierChanges(AccountTiers tiers) {
        return InboundHandler.of(TierChangedV1.TYPE, TierChangedV1.class, changed ->
                tiers.record(changed.accountId(), changed.tier(), changed.subResellersAllowed(),
                        changed.lifetimePurchased()));
    }
}
