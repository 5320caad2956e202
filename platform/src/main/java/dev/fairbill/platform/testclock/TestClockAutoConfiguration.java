package dev.fairbill.platform.testclock;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Test clocks in every service: accounts on a test clock see its time ({@link TestAwareClock}), their aggregates' and
 * sagas' handlers run at it, and their deadlines wait for it.
 */
@AutoConfiguration(afterName = "org.axonframework.springboot.autoconfig.AxonDbSchedulerAutoConfiguration")
public class TestClockAutoConfiguration {

    @Bean
    public TestClockAccounts testClockAccounts(JdbcClient jdbc) {
        return new TestClockAccounts(jdbc);
    }

    @Bean
    public static TestClockHandlerEnhancer testClockHandlerEnhancer(ObjectProvider<TestClockAccounts> accounts) {
        return new TestClockHandlerEnhancer(accounts::getObject);
    }

    /** Aggregates and sagas get this one; the persistent scheduler behind it keeps firing wall-clock deadlines. */
    @Bean
    @Primary
    @ConditionalOnBean(name = "deadlineManager")
    public TestClockDeadlineManager testClockDeadlineManager(@Qualifier("deadlineManager") DeadlineManager scheduler,
                                                             JdbcClient jdbc,
                                                             @Qualifier("serializer") Serializer serializer) {
        return new TestClockDeadlineManager(scheduler, jdbc, serializer);
    }

    @Bean
    @ConditionalOnBean(name = "deadlineManager")
    public TestClockDeadlines testClockDeadlines(JdbcClient jdbc, TransactionTemplate transactions,
                                                 TransactionManager axonTransactions,
                                                 @Qualifier("serializer") Serializer serializer,
                                                 Configuration axon, TestClockAccounts accounts) {
        return new TestClockDeadlines(jdbc, transactions, axonTransactions, serializer,
                new ConfigurationScopeAwareProvider(axon), accounts);
    }
}
