package dev.fairbill.billing.web;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.fairbill.billing.process.TestClockAdvancer;
import dev.fairbill.billing.query.TestClocks;
import dev.fairbill.billing.query.TestClocks.TestClockView;
import dev.fairbill.platform.id.IdPrefix;
import dev.fairbill.platform.security.Caller;
import dev.fairbill.platform.web.ConflictException;
import dev.fairbill.platform.web.FieldViolation;
import dev.fairbill.platform.web.NotFoundException;
import dev.fairbill.platform.web.ProblemException;
import dev.fairbill.platform.web.ValidationFailedException;
import dev.fairbill.platform.web.idempotency.IdempotentCreation;

/**
 * Test clocks, for a tenant's integration tests with a test-mode key: accounts opened on a clock live at its time,
 * and advancing it makes everything time-driven for them happen as if that time had passed (renewals, trial ends,
 * dunning retries, lot expiries, hold time-outs, review deadlines, dispute due dates), in time order. An advance runs
 * in the background: the clock is {@code ADVANCING} until every service has caught up, then {@code READY}.
 */
@RestController
@RequestMapping("/api/v1/test-clocks")
public class TestClockController {

    /** The furthest one advance may go; a longer journey takes several. */
    static final Duration MAX_ADVANCE = Duration.ofDays(2 * 366);
    /** A clock starts within this distance of the present. */
    static final Duration MAX_START_OFFSET = Duration.ofDays(10 * 366);

    private final TestClocks clocks;
    private final TestClockAdvancer advancer;
    private final Clock clock;

    public TestClockController(TestClocks clocks, TestClockAdvancer advancer, Clock clock) {
        this.clocks = clocks;
        this.advancer = advancer;
        this.clock = clock;
    }

    /** @param frozenTime the time the clock starts at; now when absent */
    public record TestClockRequest(@Size(max = 255) String name, Instant frozenTime) {
    }

    /** @param to the time to advance the clock to: after the time it shows, at most two years later */
    public record AdvanceRequest(@NotNull Instant to) {
    }

    /**
     * @param status      {@code READY}, {@code ADVANCING} (until every service has caught up) or {@code FAILED}
     * @param advancingTo the time an advance under way goes to
     * @param accounts    how many accounts live on the clock
     * @param failure     why the last advance failed; advancing again resumes it
     */
    public record TestClockResponse(String id, String name, Instant frozenTime, String status, Instant advancingTo,
                                    int accounts, String failure, Instant createdAt) {

        static TestClockResponse of(TestClockView view) {
            return new TestClockResponse(view.id(), view.name(), view.frozenTime(), view.status(),
                    view.advancingTo(), view.accounts(), view.failure(), view.createdAt());
        }
    }

    /** Creates a clock; only a test-mode key may. */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public ResponseEntity<TestClockResponse> create(@Valid @RequestBody TestClockRequest request) {
        String tenant = requireTestMode();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant frozenTime = request.frozenTime() == null ? now : request.frozenTime().truncatedTo(ChronoUnit.MICROS);
        if (Duration.between(now, frozenTime).abs().compareTo(MAX_START_OFFSET) > 0) {
            throw new ValidationFailedException(List.of(new FieldViolation("frozenTime",
                    "must be within ten years of now")));
        }
        String id = IdempotentCreation.id(IdPrefix.TEST_CLOCK);
        TestClockView created = clocks.create(id, tenant, request.name(), frozenTime, now);
        return ResponseEntity.created(URI.create("/api/v1/test-clocks/" + id)).body(TestClockResponse.of(created));
    }

    @GetMapping("/{clockId}")
    public TestClockResponse get(@PathVariable String clockId) {
        return TestClockResponse.of(find(requireTestMode(), clockId));
    }

    /**
     * Advances the clock to {@code to}. Answers at once with the clock {@code ADVANCING}; poll it until it is
     * {@code READY}.
     */
    @PostMapping("/{clockId}/advance")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public ResponseEntity<TestClockResponse> advance(@PathVariable String clockId,
                                                     @Valid @RequestBody AdvanceRequest request) {
        String tenant = requireTestMode();
        TestClockView current = find(tenant, clockId);
        Instant to = request.to().truncatedTo(ChronoUnit.MICROS);
        if (!to.isAfter(current.frozenTime())) {
            throw new ValidationFailedException(List.of(new FieldViolation("to",
                    "must be after the time the clock shows, " + current.frozenTime())));
        }
        if (Duration.between(current.frozenTime(), to).compareTo(MAX_ADVANCE) > 0) {
            throw new ValidationFailedException(List.of(new FieldViolation("to",
                    "must be at most two years after the time the clock shows; advance in steps")));
        }
        if (!clocks.startAdvance(tenant, clockId, to)) {
            throw new ConflictException("test-clock-advancing", "Test clock advancing",
                    "Test clock " + clockId + " is advancing, or was advanced meanwhile; wait until it is READY "
                            + "and read the time it shows.");
        }
        advancer.wake();
        return ResponseEntity.accepted().body(TestClockResponse.of(find(tenant, clockId)));
    }

    private TestClockView find(String tenant, String clockId) {
        return clocks.find(tenant, clockId).orElseThrow(() -> new NotFoundException("Test clock " + clockId));
    }

    /** The caller's tenant, when the caller uses a test-mode key. */
    static String requireTestMode() {
        Caller caller = Caller.current();
        if (!caller.testMode()) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "test-mode-only", "Test mode only",
                    "Test clocks exist only for test-mode API keys.");
        }
        return caller.tenant();
    }
}
