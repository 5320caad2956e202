package dev.fairbill.refund.incident;

import static dev.fairbill.platform.testsupport.Refusals.refused;

import java.time.Instant;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.fairbill.platform.audit.Actor;
import dev.fairbill.platform.rules.RuleViolation.Kind;
import dev.fairbill.platform.testsupport.FixtureClock;
import dev.fairbill.refund.ids.IncidentId;
import dev.fairbill.refund.incident.Incident.CloseIncident;
import dev.fairbill.refund.incident.Incident.IncidentClosed;
import dev.fairbill.refund.incident.Incident.IncidentRecorded;
import dev.fairbill.refund.incident.Incident.RecordIncident;

/**
 * final-sale-duplicates-refunded §4, exceptions-within-7-days part 3: outages, recorded while they go on and closed
 * once when they are over.
 */
class IncidentTest {

    private static final IncidentId ID = IncidentId.of("inc_1");
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Instant START = NOW.minusSeconds(7200);
    private static final Actor OPERATOR = new Actor("key_ops", "req-1");
    private static final IncidentRecorded ONGOING = new IncidentRecorded(ID, "studio", START, null, "ALL", "db down",
            NOW, OPERATOR);

    private FixtureConfiguration<Incident> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Incident.class);
        fixture.registerInjectableResource(new FixtureClock((AggregateTestFixture<?>) fixture));
    }

    @Test
    void anOutageStillGoingOnIsRecordedWithoutItsEnd() {
        fixture.givenCurrentTime(NOW)
                .when(new RecordIncident(ID, "studio", START, null, "ALL", "db down", OPERATOR))
                .expectEvents(ONGOING);
    }

    @Test
    void anOngoingOutageIsClosedOnceWithItsEnd() {
        Instant end = NOW.minusSeconds(60);
        fixture.given(ONGOING)
                .andGivenCurrentTime(NOW)
                .when(new CloseIncident(ID, "studio", end, OPERATOR))
                .expectEvents(new IncidentClosed(ID, "studio", START, end, NOW, OPERATOR));
        fixture.given(ONGOING, new IncidentClosed(ID, "studio", START, end, NOW, OPERATOR))
                .andGivenCurrentTime(NOW)
                .when(new CloseIncident(ID, "studio", end, OPERATOR))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
        fixture.given(ONGOING, new IncidentClosed(ID, "studio", START, end, NOW, OPERATOR))
                .andGivenCurrentTime(NOW)
                .when(new CloseIncident(ID, "studio", end.minusSeconds(1), OPERATOR))
                .expectNoEvents()
                .expectException(refused(Kind.CONFLICT, "incident-closed"));
    }

    @Test
    void withoutAnEndTheOutageEndsNow() {
        fixture.given(ONGOING)
                .andGivenCurrentTime(NOW)
                .when(new CloseIncident(ID, "studio", null, OPERATOR))
                .expectEvents(new IncidentClosed(ID, "studio", START, NOW, NOW, OPERATOR));
    }

    @Test
    void anEndBeforeTheStartOrInTheFutureIsRefused() {
        fixture.given(ONGOING)
                .andGivenCurrentTime(NOW)
                .when(new CloseIncident(ID, "studio", START, OPERATOR))
                .expectNoEvents()
                .expectException(refused(Kind.INVALID, "validation-failed"));
        fixture.given(ONGOING)
                .andGivenCurrentTime(NOW)
                .when(new CloseIncident(ID, "studio", NOW.plusSeconds(1), OPERATOR))
                .expectNoEvents()
                .expectException(refused(Kind.INVALID, "validation-failed"));
    }

    @Test
    void anotherTenantCannotCloseIt() {
        fixture.given(ONGOING)
                .andGivenCurrentTime(NOW)
                .when(new CloseIncident(ID, "panel", NOW, OPERATOR))
                .expectNoEvents()
                .expectException(refused(Kind.NOT_FOUND, "not-found"));
    }
}
