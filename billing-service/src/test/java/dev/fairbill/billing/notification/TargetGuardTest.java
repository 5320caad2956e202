package dev.fairbill.billing.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetGuardTest {

    private final TargetGuard production = new TargetGuard(false);
    private final TargetGuard local = new TargetGuard(true);

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/hook", "http://localhost:8080/hook", "http://10.1.2.3/hook",
            "http://172.16.0.1/hook", "http://192.168.1.10/hook", "http://169.254.169.254/latest/meta-data",
            "http://100.64.0.1/hook", "http://0.0.0.0/hook", "http://[::1]/hook", "http://[fc00::1]/hook",
            "http://[fe80::1]/hook", "http://[::ffff:10.0.0.1]/hook", "http://224.0.0.1/hook"})
    void internalAddressesAreRefusedOutsideTheLocalProfile(String url) {
        assertThat(production.refusal(url)).hasValueSatisfying(why -> assertThat(why).contains("internal"));
        assertThat(local.refusal(url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://93.184.216.34/hook", "file:///etc/passwd", "gopher://93.184.216.34/",
            "http://user:secret@93.184.216.34/hook", "http://93.184.216.34/hook#fragment", "/relative/hook",
            "http://", "not a url", "https://no-such-host.invalid/hook"})
    void whatIsNotAnHttpUrlOfAResolvableHostIsRefusedEverywhere(String url) {
        assertThat(production.refusal(url)).isPresent();
        assertThat(local.refusal(url)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://93.184.216.34/hook", "http://93.184.216.34:8443/events?source=fairbill",
            "https://[2606:2800:220:1:248:1893:25c8:1946]/hook"})
    void aPublicAddressIsATarget(String url) {
        assertThat(production.refusal(url)).isEmpty();
    }
}
