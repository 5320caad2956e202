package dev.fairbill.billing.payment;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A local server in Adyen's Checkout API's place ({@link FakeProcessor}), with Adyen's fixtures
 * ({@code processors/adyen}). As at Adyen, each idempotency key gets a PSP reference of its own ({@link #pspFor}).
 */
public final class FakeAdyen extends FakeProcessor<FakeAdyen> {

    /** The Checkout API version in the fake's address, as in Adyen's. */
    public static final String VERSION = "/v71";

    private FakeAdyen() {
        super("adyen", "X-API-Key");
    }

    public static FakeAdyen start() {
        return new FakeAdyen();
    }

    /**
     * Puts {@code tenant} on Adyen, this fake in Adyen's place, with the API key {@code AQE_test_<tenant>} and the
     * merchant account {@code Fairbill_<tenant>}.
     */
    @Override
    public void serve(String tenant, DynamicPropertyRegistry properties) {
        String settings = "fairbill.processors." + tenant;
        properties.add(settings + ".processor", () -> "adyen");
        properties.add(settings + ".adyen.api-key", () -> "AQE_test_" + tenant);
        properties.add(settings + ".adyen.merchant-account", () -> "Fairbill_" + tenant);
        properties.add(settings + ".adyen.checkout-url", () -> base() + VERSION);
    }

    /** The PSP reference this fake gives what is created under {@code idempotencyKey}: 16 characters, as Adyen's. */
    public static String pspFor(String idempotencyKey) {
        return suffix(idempotencyKey).substring(0, 16);
    }

    @Override
    protected String answerFor(String fixture, String method, String path, String idempotencyKey) {
        return idempotencyKey == null ? fixture : fixture.replace("FAIRBILL00000001", pspFor(idempotencyKey));
    }
}
