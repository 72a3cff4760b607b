package nl.logius.platformacceptance.run;

import nl.logius.platformacceptance.register.Register;
import nl.logius.platformacceptance.register.RegisterLoader;
import nl.logius.platformacceptance.verdict.CheckOutcome;
import nl.logius.platformacceptance.verdict.CheckStatus;
import nl.logius.platformacceptance.verdict.KnelpuntVerdict;
import nl.logius.platformacceptance.verdict.Verdict;
import nl.logius.platformacceptance.verdict.VerdictCalculator;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Completeness: a selected check that reports nothing is not silently left out; its knelpunt is INCONCLUSIVE. */
class OutcomeCollectorTest {

    @Test
    void a_selected_check_without_a_result_is_broken_and_its_knelpunt_inconclusive() throws NoSuchMethodException {
        CheckDescriptor lost = new CheckDescriptor("OutcomeCollectorTest.lost_check", OutcomeCollectorTest.class,
                OutcomeCollectorTest.class.getDeclaredMethod("a_selected_check_without_a_result_is_broken_and_its_knelpunt_inconclusive"),
                "failover", List.of("KP-FO-01"), Set.of());
        RunEnvironment environment = new RunEnvironment("run", null, null, Path.of("evidence"), id -> "replay " + id);
        OutcomeCollector collector = new OutcomeCollector(List.of(lost), environment, Path.of("."), new PrintStream(new ByteArrayOutputStream()));

        List<CheckOutcome> outcomes = collector.outcomesOf(List.of(lost));

        assertThat(outcomes).singleElement().satisfies(outcome -> {
            assertThat(outcome.status()).isEqualTo(CheckStatus.BROKEN);
            assertThat(outcome.message()).contains("reported no result");
        });
        Register register = RegisterLoader.load(HarnessInfo.projectHome().resolve("suites/knelpunten.yaml"));
        List<KnelpuntVerdict> verdicts = VerdictCalculator.compute(register, id -> id.equals("KP-FO-01") ? List.of(lost.id()) : List.of(),
                k -> k.id().equals("KP-FO-01"), outcomes, id -> "replay " + id);
        assertThat(verdicts).hasSize(register.knelpunten().size());
        assertThat(verdicts).filteredOn(v -> v.id().equals("KP-FO-01")).singleElement()
                .satisfies(v -> assertThat(v.verdict()).isEqualTo(Verdict.INCONCLUSIVE));
        assertThat(environment.replayCommand("KP-FO-01")).contains("replay KP-FO-01");
    }
}
