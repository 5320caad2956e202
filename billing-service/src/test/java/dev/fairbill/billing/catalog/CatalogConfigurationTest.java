package dev.fairbill.billing.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.fairbill.billing.subscription.PlanInterval;
import dev.fairbill.platform.money.Money;

/** The catalog is bound and validated at startup; a bad one stops the service with the offending setting named. */
class CatalogConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(CatalogConfiguration.class);

    private static final String[] GOOD_PLAN = {
            "fairbill.catalog.tenants.panel.plans[0].id=monthly",
            "fairbill.catalog.tenants.panel.plans[0].name=Monthly",
            "fairbill.catalog.tenants.panel.plans[0].price=1000",
            "fairbill.catalog.tenants.panel.plans[0].currency=EUR",
            "fairbill.catalog.tenants.panel.plans[0].interval=MONTH",
            "fairbill.catalog.tenants.panel.plans[0].included-credits=100"};

    @Test
    void theShippedCatalogGivesEveryFixtureTenantTheApiMdCatalog() {
        runner.withInitializer(context -> ConfigDataEnvironmentPostProcessor.applyTo(context.getEnvironment()))
                .withPropertyValues("spring.config.import=classpath:catalog.yml")
                .run(context -> {
                    Catalog catalog = context.getBean(Catalog.class);
                    for (String tenant : new String[] {"panel", "studio", "imaging", "smm", "chat"}) {
                        assertThat(catalog.plans(tenant)).extracting(CatalogPlan::id)
                                .containsExactly("monthly", "yearly", "trial-monthly");
                        var yearly = catalog.plan(tenant, "yearly").orElseThrow().terms();
                        assertThat(yearly.price()).isEqualTo(Money.of(10000, "EUR"));
                        assertThat(yearly.listPrice()).isEqualTo(Money.of(12000, "EUR"));
                        assertThat(yearly.interval()).isEqualTo(PlanInterval.YEAR);
                        assertThat(yearly.includedCredits()).isEqualTo(1200);
                        var trial = catalog.plan(tenant, "trial-monthly").orElseThrow().terms();
                        assertThat(trial.trialDays()).isEqualTo(7);
                        assertThat(trial.trialCredits()).isEqualTo(20);
                        var followers = catalog.product(tenant, "followers-2000").orElseThrow();
                        assertThat(followers.kind()).isEqualTo(ProductKind.DELIVERY_ORDER);
                        assertThat(followers.quantity()).isEqualTo(2000);
                        assertThat(followers.refillWindow().toDays()).isEqualTo(30);
                        assertThat(followers.maxDeliveryTime().toHours()).isEqualTo(72);
                        var credits = catalog.product(tenant, "credits-500").orElseThrow();
                        assertThat(credits.price()).isEqualTo(Money.of(2500, "EUR"));
                        assertThat(credits.credits()).isEqualTo(500);
                    }
                    assertThat(catalog.plans("nobody")).isEmpty();
                });
    }

    @Test
    void aValidPlanStarts() {
        runner.withPropertyValues(GOOD_PLAN).run(context -> assertThat(context).hasNotFailed());
    }

    @Test
    void aPlanWithoutPriceStopsStartup() {
        runner.withPropertyValues(GOOD_PLAN)
                .withPropertyValues("fairbill.catalog.tenants.panel.plans[0].price=0")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("tenants[panel].plans[0].price")
                        .hasMessageContaining("must be greater than 0"));
    }

    @Test
    void aListPriceBelowThePriceStopsStartup() {
        runner.withPropertyValues(GOOD_PLAN)
                .withPropertyValues("fairbill.catalog.tenants.panel.plans[0].list-price=900")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("list-price must not be below price"));
    }

    @Test
    void anUnknownIntervalStopsStartup() {
        runner.withPropertyValues(GOOD_PLAN)
                .withPropertyValues("fairbill.catalog.tenants.panel.plans[0].interval=FORTNIGHT")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void aDeliveryOrderWithoutRefillWindowStopsStartup() {
        runner.withPropertyValues(GOOD_PLAN)
                .withPropertyValues("fairbill.catalog.tenants.panel.products[0].id=followers",
                        "fairbill.catalog.tenants.panel.products[0].name=Followers",
                        "fairbill.catalog.tenants.panel.products[0].kind=DELIVERY_ORDER",
                        "fairbill.catalog.tenants.panel.products[0].price=2000",
                        "fairbill.catalog.tenants.panel.products[0].currency=EUR",
                        "fairbill.catalog.tenants.panel.products[0].quantity=2000")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("a DELIVERY_ORDER needs"));
    }

    @Test
    void aDuplicatePlanIdStopsStartup() {
        runner.withPropertyValues(GOOD_PLAN)
                .withPropertyValues(GOOD_PLAN[0].replace("[0]", "[1]"), GOOD_PLAN[1].replace("[0]", "[1]"),
                        GOOD_PLAN[2].replace("[0]", "[1]"), GOOD_PLAN[3].replace("[0]", "[1]"),
                        GOOD_PLAN[4].replace("[0]", "[1]"))
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(InvalidCatalogException.class)
                        .hasMessageContaining("plan id 'monthly' appears more than once"));
    }

    @Test
    void noCatalogAtAllStopsStartup() {
        runner.run(context -> assertThat(context).hasFailed());
    }
}
