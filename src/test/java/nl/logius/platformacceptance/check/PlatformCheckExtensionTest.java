package nl.logius.platformacceptance.check;

import nl.logius.platformacceptance.check.fixtures.CheckFixtures;
import nl.logius.platformacceptance.platform.PlatformUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

/** The check programming model, run through the JUnit Platform on fixture checks, its events counted. */
class PlatformCheckExtensionTest {

    @TempDir
    Path evidence;
    private FakeEnvironment environment;

    @BeforeEach
    void registerEnvironment() {
        environment = new FakeEnvironment("test-" + System.nanoTime(), evidence);
        CheckEnvironment.Registry.register(environment);
    }

    @AfterEach
    void unregisterEnvironment() {
        CheckEnvironment.Registry.unregister(environment.runId());
    }

    private Events run(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter")
                .configurationParameter(CheckEnvironment.RUN_ID_PARAMETER, environment.runId())
                .selectors(selectClass(fixture))
                .execute().testEvents();
    }

    @Test
    void a_check_within_its_thresholds_passes_and_leaves_its_evidence() {
        run(CheckFixtures.MeetsItsCriterion.class).assertStatistics(s -> s.started(1).succeeded(1));
        CheckRecord record = environment.records.get("MeetsItsCriterion.measures_within_every_threshold");
        assertThat(record.measurements()).hasSize(2).allMatch(Measurement::passed);
        assertThat(record.evidenceFiles()).singleElement().satisfies(file -> assertThat(file).exists());
    }

    @Test
    void a_missed_threshold_fails_the_check_with_measured_value_and_threshold_after_recording_all() {
        Events events = run(CheckFixtures.MissesItsCriterion.class);
        events.assertStatistics(s -> s.started(1).failed(1));
        events.assertThatEvents().haveExactly(1, event(finishedWithFailure(instanceOf(CriterionNotMet.class),
                message("KP-FO-01 availability 96.8 % < 99 % (612 requests, 19 failed)"))));
        assertThat(environment.records.get("MissesItsCriterion.misses_availability_and_still_records_the_outage").measurements())
                .hasSize(2);
    }

    @Test
    void an_unreachable_platform_breaks_the_check_it_does_not_fail_it() {
        run(CheckFixtures.CannotReachThePlatform.class).assertThatEvents()
                .haveExactly(1, event(finishedWithFailure(instanceOf(PlatformUnavailableException.class))));
    }

    @Test
    void a_capability_the_target_lacks_skips_the_check() {
        run(CheckFixtures.NeedsWhatTheTargetLacks.class).assertStatistics(s -> s.started(1).aborted(1));
    }

    @Test
    void a_disruptive_check_runs_with_the_operators_consent() {
        run(CheckFixtures.DisruptsThePlatform.class).assertStatistics(s -> s.started(1).succeeded(1));
    }

    @Test
    void a_disruptive_check_without_the_operators_consent_is_skipped_with_the_reason_and_touches_nothing() {
        environment.disruptiveRefusal = java.util.Optional.of("target lpc has no consent to disruptive checks");

        Events events = run(CheckFixtures.DisruptsThePlatform.class);

        events.assertStatistics(s -> s.skipped(1).started(0));
        events.assertThatEvents().haveExactly(1, event(org.junit.platform.testkit.engine.EventConditions.skippedWithReason(
                reason -> reason.contains("disruptive check without consent: target lpc has no consent"))));
        assertThat(environment.platform.tenants).as("no tenant was created").isEmpty();
    }

    @Test
    void a_check_that_measured_nothing_does_not_pass() {
        run(CheckFixtures.MeasuresNothing.class).assertThatEvents()
                .haveExactly(1, event(finishedWithFailure(instanceOf(IllegalStateException.class), message(m -> m.contains("recorded no measurement")))));
    }

    @Test
    void the_tenant_is_removed_whatever_the_outcome_and_carries_the_run_and_check() {
        run(CheckFixtures.MissesItsCriterion.class);
        run(CheckFixtures.CannotReachThePlatform.class);
        run(CheckFixtures.NeedsWhatTheTargetLacks.class);
        assertThat(environment.platform.tenants).hasSize(3).allMatch(t -> t.closed);
        assertThat(environment.platform.tenants).allMatch(t -> t.owner.runId().equals(environment.runId()));
        assertThat(environment.platform.tenants.get(0).owner.checkId())
                .isEqualTo("MissesItsCriterion.misses_availability_and_still_records_the_outage");
        assertThat(environment.platform.removedOwners).hasSize(3);
    }
}
