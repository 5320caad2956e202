package dev.fairbill.ledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.fairbill.platform.testsupport.WebLayerRules;

class ControllerRulesTest {

    @Test
    void requestBodiesAreValidatedOnceNotAgainByAMethodValidationProxy() {
        assertThat(WebLayerRules.controllersValidatedByProxy("dev.fairbill.ledger")).isEmpty();
    }
}
