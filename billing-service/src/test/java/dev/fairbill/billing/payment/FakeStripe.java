package dev.fairbill.billing.payment;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A local server in Stripe's place ({@link FakeProcessor}), with Stripe's fixtures ({@code processors/stripe}). As at
 * Stripe, each idempotency key gets objects of its own ids ({@link #idFor}); a read by id answers with that id.
 */
public final class FakeStripe extends FakeProcessor<FakeStripe> {

    private FakeStripe() {
        super("stripe", "Authorization");
    }

    public static FakeStripe start() {
        return new FakeStripe();
    }

    /** Puts {@code tenant} on Stripe, this fake in Stripe's place, with the secret key {@code sk_test_<tenant>}. */
    @Override
    public void serve(String tenant, DynamicPropertyRegistry properties) {
        String settings = "fairbill.processors." + tenant;
        properties.add(settings + ".processor", () -> "stripe");
        properties.add(settings + ".stripe.secret-key", () -> "sk_test_" + tenant);
        properties.add(settings + ".stripe.api-base", () -> base().toString());
    }

    /** The id this fake gives an object created under {@code idempotencyKey}: {@code pi_3…}, {@code re_3…}. */
    public static String idFor(String prefix, String idempotencyKey) {
        return prefix + "_3" + suffix(idempotencyKey);
    }

    @Override
    protected String answerFor(String fixture, String method, String path, String idempotencyKey) {
        if (idempotencyKey != null) {
            return fixture.replace("Fairbill0000000001", suffix(idempotencyKey));
        }
        if ("GET".equals(method)) {
            return fixture.replace("pi_3Fairbill0000000001", path.substring(path.lastIndexOf('/') + 1));
        }
        return fixture;
    }
}
