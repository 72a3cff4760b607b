package nl.logius.platformacceptance.run;

import nl.logius.platformacceptance.runfolder.RunFolder;
import nl.logius.platformacceptance.check.CheckEnvironment;
import nl.logius.platformacceptance.check.FakeEnvironment;
import nl.logius.platformacceptance.check.FakePlatform;
import nl.logius.platformacceptance.check.RunDeadline;
import nl.logius.platformacceptance.register.Register;
import nl.logius.platformacceptance.verdict.CheckOutcome;
import nl.logius.platformacceptance.verdict.CheckStatus;
import nl.logius.platformacceptance.verdict.Verdict;
import nl.logius.platformacceptance.verdict.VerdictCalculator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failure measured while the platform itself stopped answering is no verdict on the platform: the check is
 * broken and its knelpunt INCONCLUSIVE, never FAILING — whether the failure was a missed threshold, an assertion,
 * or a measurement followed by the platform going away.
 */
class PlatformLossTest {

    private static final Register REGISTER = new Register(Path.of("test.yaml"), List.of(FakeEnvironment.KP_FO_01));
    private static final CheckCatalog FIXTURES = CheckCatalog.discover("nl.logius.platformacceptance.run.fixtures");

    @TempDir
    Path root;

    @Test
    void a_threshold_missed_while_the_platform_did_not_answer_is_broken_not_failed() {
        CheckOutcome outcome = run("MissesItsCriterion", "the Docker engine did not answer at 15:32:01");

        assertThat(outcome.status()).isEqualTo(CheckStatus.BROKEN);
        assertThat(outcome.message()).startsWith("MeasurementsNotTrusted: the platform did not answer during this check")
                .contains("the Docker engine did not answer at 15:32:01")
                .contains("what it measured: KP-FO-01 availability 50 % < 99 %");
        assertThat(verdict(outcome)).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void an_assertion_failed_while_the_platform_did_not_answer_is_broken_not_failed() {
        CheckOutcome outcome = run("AssertsAFailure", "the Docker engine did not answer at 15:32:01");

        assertThat(outcome.status()).isEqualTo(CheckStatus.BROKEN);
        assertThat(outcome.message()).contains("what it measured: KP-FO-01 the service answered nothing");
    }

    @Test
    void a_failure_measured_before_the_platform_went_away_does_not_make_the_check_failed() {
        CheckOutcome outcome = run("MeasuresAFailureThenLosesThePlatform", null);

        assertThat(outcome.status()).isEqualTo(CheckStatus.BROKEN);
        assertThat(outcome.message()).contains("restore zone-b: the Docker engine does not answer")
                .contains("(measured before: KP-FO-01 availability 50 % < 99 %");
        assertThat(verdict(outcome)).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void while_the_platform_answered_throughout_a_missed_threshold_fails() {
        CheckOutcome outcome = run("MissesItsCriterion", null);

        assertThat(outcome.status()).isEqualTo(CheckStatus.FAILED);
        assertThat(verdict(outcome)).isEqualTo(Verdict.FAILING);
    }

    private CheckOutcome run(String fixture, String unreachable) {
        List<CheckDescriptor> checks = FIXTURES.checks().stream().filter(c -> c.testClass().getSimpleName().equals(fixture)).toList();
        RunFolder folder = RunFolder.create(root, "test", Instant.now());
        FakePlatform platform = new FakePlatform();
        platform.unreachable = unreachable;
        RunEnvironment environment = new RunEnvironment(folder.runId(), platform, REGISTER, folder.evidence(), id -> "", RunDeadline.NONE, java.util.Optional.empty());
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        OutcomeCollector collector = new OutcomeCollector(checks, environment, folder.path(), quiet);
        CheckEnvironment.Registry.register(environment);
        try {
            new CheckExecution(folder, collector, RetryPolicy.none(), RunDeadline.NONE, quiet,
                    CheckExecution.allureResults(folder, environment)).run(checks);
        } finally {
            CheckEnvironment.Registry.unregister(environment.runId());
        }
        return collector.outcomes().get(0);
    }

    private static Verdict verdict(CheckOutcome outcome) {
        return VerdictCalculator.compute(REGISTER, id -> List.of(outcome.id()), k -> true, List.of(outcome), id -> "")
                .get(0).verdict();
    }
}
