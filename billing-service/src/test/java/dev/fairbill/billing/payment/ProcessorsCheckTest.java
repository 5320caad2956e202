package dev.fairbill.billing.payment;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.fairbill.billing.payment.ProcessorSettings.Processor;
import dev.fairbill.billing.payment.ProcessorSettings.Tenant;

/** Outside the local profile, a tenant left on the sandbox by omission stops the service. */
class ProcessorsCheckTest {

    private static final ProcessorSettings PANEL_ON_SANDBOX = new ProcessorSettings(Map.of("panel",
            new Tenant(Processor.SANDBOX, null, null)));

    @Test
    void aTenantThatNamesNoProcessorStopsTheServiceOutsideTheLocalProfile() {
        assertThatThrownBy(() -> ProcessorsCheck.verify(PANEL_ON_SANDBOX, List.of("panel", "studio"), false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("[studio]")
                .hasMessageContaining("FAIRBILL_PROCESSORS_<TENANT>_PROCESSOR");
    }

    @Test
    void theSandboxNamedOnPurposeAndTheLocalProfileStart() {
        assertThatCode(() -> ProcessorsCheck.verify(PANEL_ON_SANDBOX, List.of("panel"), false))
                .doesNotThrowAnyException();
        assertThatCode(() -> ProcessorsCheck.verify(new ProcessorSettings(Map.of()), List.of("panel", "studio"), true))
                .doesNotThrowAnyException();
    }
}
