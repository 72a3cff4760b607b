package nl.logius.platformacceptance.run;

import nl.logius.platformacceptance.runfolder.HarnessInfo;
import nl.logius.platformacceptance.check.CheckEnvironment;
import nl.logius.platformacceptance.check.FakeEnvironment;
import nl.logius.platformacceptance.check.FakePlatform;
import nl.logius.platformacceptance.register.Register;
import nl.logius.platformacceptance.register.RegisterLoader;
import nl.logius.platformacceptance.verdict.KnelpuntVerdict;
import nl.logius.platformacceptance.verdict.CheckOutcome;
import nl.logius.platformacceptance.verdict.CheckStatus;
import nl.logius.platformacceptance.verdict.Verdict;
import nl.logius.platformacceptance.verdict.VerdictCalculator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** From JUnit results to check statuses and verdicts, as the runner does it, on fixture checks. */
class OutcomeCollectorTest {

    @Test
    void each_way_a_check_ends_maps_to_its_status_and_only_a_clean_pass_resolves(@TempDir Path folder) {
        CheckCatalog catalog = CheckCatalog.discover("nl.logius.platformacceptance.check.fixtures");
        Register register = new Register(Path.of("test.yaml"), List.of(FakeEnvironment.KP_FO_01));
        RunEnvironment environment = new RunEnvironment("outcomes-" + System.nanoTime(), new FakePlatform(), register,
                folder.resolve("evidence"), id -> "replay " + id);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        OutcomeCollector collector = new OutcomeCollector(catalog.checks(), environment, folder,
                new PrintStream(console, true, StandardCharsets.UTF_8));
        CheckEnvironment.Registry.register(environment);
        try {
            LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build())
                    .execute(LauncherDiscoveryRequestBuilder.request()
                            .selectors(catalog.checks().stream().map(c -> DiscoverySelectors.selectMethod(c.testClass(), c.method())).toList())
                            .configurationParameter(CheckEnvironment.RUN_ID_PARAMETER, environment.runId()).build(), collector);
        } finally {
            CheckEnvironment.Registry.unregister(environment.runId());
        }

        Map<String, CheckStatus> statuses = collector.outcomes().stream()
                .collect(Collectors.toMap(o -> o.id().substring(0, o.id().indexOf('.')), CheckOutcome::status));
        assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(
                "MeetsItsCriterion", CheckStatus.PASSED,
                "DisruptsThePlatform", CheckStatus.PASSED,
                "MissesItsCriterion", CheckStatus.FAILED,
                "CannotReachThePlatform", CheckStatus.BROKEN,
                "NeedsWhatTheTargetLacks", CheckStatus.SKIPPED,
                "MeasuresNothing", CheckStatus.BROKEN));
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("MissesItsCriterion").contains("FAILED")
                .contains("KP-FO-01 availability 96.8 % < 99 %");

        assertThat(verdict(register, collector.outcomes(), "MeetsItsCriterion")).isEqualTo(Verdict.RESOLVED);
        assertThat(verdict(register, collector.outcomes(), "MissesItsCriterion")).isEqualTo(Verdict.FAILING);
        assertThat(verdict(register, collector.outcomes(), "CannotReachThePlatform")).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(verdict(register, collector.outcomes(), "NeedsWhatTheTargetLacks")).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(verdict(register, collector.outcomes(), "MeasuresNothing")).isEqualTo(Verdict.INCONCLUSIVE);
    }

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

    private static Verdict verdict(Register register, List<CheckOutcome> outcomes, String only) {
        List<CheckOutcome> one = outcomes.stream().filter(o -> o.id().startsWith(only + ".")).toList();
        return VerdictCalculator.compute(register, id -> List.of(only), k -> true, one, id -> "").get(0).verdict();
    }
}
