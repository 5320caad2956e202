package dev.fairbill.billing.messaging;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.fairbill.billing.query.TestClocks;
import dev.fairbill.contracts.testclock.TestClockAccountAdvancedV1;
import dev.fairbill.platform.messaging.InboundHandler;

/** The ledger's and the refund service's reports on test clocks: a clock is READY once all of them are in. */
@Configuration(proxyBeanMethods = false)
class TestClockReports {

    @Bean
    InboundHandler<TestClockAccountAdvancedV1> testClockAccountAdvanced(TestClocks clocks) {
        return InboundHandler.of(TestClockAccountAdvancedV1.TYPE, TestClockAccountAdvancedV1.class, report ->
                clocks.reported(report.testClock(), report.accountId(), report.service(), report.advancedTo()));
    }
}
