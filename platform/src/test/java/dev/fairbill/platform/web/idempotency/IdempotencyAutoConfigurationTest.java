package dev.fairbill.platform.web.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

import dev.fairbill.platform.web.FairbillWebAutoConfiguration;

class IdempotencyAutoConfigurationTest {

    // nothing connects while the context starts, so the database need not exist
    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
                    FairbillWebAutoConfiguration.class, IdempotencyAutoConfiguration.class))
            .withBean(Clock.class, Clock::systemUTC);

    private final WebApplicationContextRunner withDatabase = runner
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class))
            .withPropertyValues("spring.datasource.url=jdbc:postgresql://localhost:1/nowhere");

    @Test
    void filterRunsRightAfterSpringSecurity() {
        withDatabase.run(context -> {
            assertThat(context).hasNotFailed();
            FilterRegistrationBean<?> registration = context.getBean(FilterRegistrationBean.class);
            assertThat(registration.getFilter()).isInstanceOf(IdempotencyFilter.class);
            assertThat(registration.getOrder()).isEqualTo(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 1);
        });
    }

    @Test
    void retentionDefaultsToADayAndTakeoverToAMinute() {
        withDatabase.run(context -> {
            IdempotencyProperties properties = context.getBean(IdempotencyProperties.class);
            assertThat(properties.retention()).hasHours(24);
            assertThat(properties.takeoverAfter()).hasSeconds(60);
        });
    }

    @Test
    void retentionShorterThanADayStopsTheService() {
        withDatabase.withPropertyValues("fairbill.idempotency.retention=1h").run(context ->
                assertThat(context).getFailure().rootCause().hasMessageContaining("retention"));
    }

    @Test
    void serviceWithoutDatabaseGetsNoIdempotencyFilter() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(IdempotencyFilter.class)
                .doesNotHaveBean(FilterRegistrationBean.class));
    }
}
