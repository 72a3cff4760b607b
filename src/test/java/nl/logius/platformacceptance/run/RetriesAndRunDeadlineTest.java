package nl.logius.platformacceptance.run;

import nl.logius.platformacceptance.runfolder.RunFolder;
import com.fasterxml.jackson.databind.JsonNode;
import nl.logius.platformacceptance.check.CheckEnvironment;
import nl.logius.platformacceptance.check.FakeEnvironment;
import nl.logius.platformacceptance.check.FakePlatform;
import nl.logius.platformacceptance.check.RunDeadline;
import nl.logius.platformacceptance.json.Mappers;
import nl.logius.platformacceptance.register.Register;
import nl.logius.platformacceptance.report.AllureCheckResults;
import nl.logius.platformacceptance.run.fixtures.RunFixtures;
import nl.logius.platformacceptance.verdict.CheckOutcome;
import nl.logius.platformacceptance.verdict.CheckStatus;
import nl.logius.platformacceptance.verdict.KnelpuntVerdict;
import nl.logius.platformacceptance.verdict.Verdict;
import nl.logius.platformacceptance.verdict.VerdictCalculator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retries and the run's deadline, as the runner executes checks, on fixture checks: a retry is never silent
 * (a pass on it is flaky and never RESOLVED), only broken checks are retried, and a run that runs out of time
 * stops its running check as broken and skips the rest.
 */
class RetriesAndRunDeadlineTest {

    private static final Register REGISTER = new Register(Path.of("test.yaml"), List.of(FakeEnvironment.KP_FO_01));
    private static final CheckCatalog FIXTURES = CheckCatalog.discover("nl.logius.platformacceptance.run.fixtures");

    @TempDir
    Path root;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private RunFolder folder;

    @BeforeEach
    void resetCounters() {
        RunFixtures.reset();
    }

    @Test
    void a_check_that_passes_only_on_a_retry_is_flaky_and_its_knelpunt_is_not_resolved() throws IOException {
        Map<String, CheckOutcome> outcomes = run(new RetryPolicy(1), RunDeadline.NONE, "BreaksOnceThenPasses");

        CheckOutcome flaky = outcomes.get("BreaksOnceThenPasses");
        assertThat(flaky.status()).isEqualTo(CheckStatus.PASSED);
        assertThat(flaky.flaky()).isTrue();
        assertThat(flaky.attempts()).isEqualTo(2);
        assertThat(flaky.message()).startsWith("passed only on attempt 2 of 2 (attempt 1 broken: PlatformUnavailableException: "
                + "the engine did not answer this once)");
        assertThat(flaky.evidence()).anyMatch(f -> f.contains("/attempt-2/")).anyMatch(f -> !f.contains("/attempt-"));
        KnelpuntVerdict verdict = verdict(outcomes.values());
        assertThat(verdict.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(verdict.reason()).startsWith("flaky: passed only on attempt 2");
        assertThat(console.toString(StandardCharsets.UTF_8))
                .contains("retrying 1 broken check(s), attempt 2 of 2")
                .contains("flaky: passed only on attempt 2, not counted as resolved");

        List<JsonNode> allure = allureResults();
        assertThat(allure).hasSize(2);
        assertThat(allure).extracting(r -> r.get("historyId").asText()).as("one history: Allure shows the retry").containsOnly(
                allure.get(0).get("historyId").asText());
        JsonNode retry = allure.stream().filter(r -> r.get("status").asText().equals("passed")).findFirst().orElseThrow();
        assertThat(retry.at("/statusDetails/flaky").asBoolean()).isTrue();
        assertThat(retry.get("parameters").toString()).contains("\"name\":\"attempt\"").contains("\"value\":\"2\"");
        assertThat(folder.junit().resolve("attempt-2")).isDirectoryContaining("glob:**.xml");
    }

    @Test
    void only_a_broken_check_is_retried_never_a_failed_one() {
        Map<String, CheckOutcome> outcomes = run(new RetryPolicy(2), RunDeadline.NONE,
                "AlwaysBreaks", "MissesItsCriterion", "PassesFirstTime");

        assertThat(outcomes.get("AlwaysBreaks").status()).isEqualTo(CheckStatus.BROKEN);
        assertThat(outcomes.get("AlwaysBreaks").attempts()).isEqualTo(3);
        assertThat(outcomes.get("AlwaysBreaks").flaky()).isFalse();
        assertThat(outcomes.get("AlwaysBreaks").message()).contains("attempt 3 of 3").contains("attempt 1 broken")
                .contains("attempt 2 broken");
        assertThat(RunFixtures.ALWAYS_BREAKS).hasValue(3);
        assertThat(outcomes.get("MissesItsCriterion").status()).isEqualTo(CheckStatus.FAILED);
        assertThat(outcomes.get("MissesItsCriterion").attempts()).isEqualTo(1);
        assertThat(RunFixtures.MISSES).as("a failed criterion is never measured again").hasValue(1);
        assertThat(outcomes.get("PassesFirstTime").attempts()).isEqualTo(1);
        assertThat(verdict(List.of(outcomes.get("PassesFirstTime"))).verdict()).isEqualTo(Verdict.RESOLVED);
    }

    @Test
    void by_default_a_broken_check_is_not_retried() {
        Map<String, CheckOutcome> outcomes = run(RetryPolicy.none(), RunDeadline.NONE, "BreaksOnceThenPasses");

        assertThat(outcomes.get("BreaksOnceThenPasses").status()).isEqualTo(CheckStatus.BROKEN);
        assertThat(outcomes.get("BreaksOnceThenPasses").attempts()).isEqualTo(1);
        assertThat(RunFixtures.BREAKS_ONCE).hasValue(1);
    }

    @Test
    void the_run_deadline_stops_the_running_check_as_broken_and_skips_the_next() {
        RunDeadline deadline = RunDeadline.after(Duration.ofSeconds(2), Instant.now());
        long start = System.nanoTime();

        CheckOutcome stopped = run(new RetryPolicy(1), deadline, "OutlivesTheRun").get("OutlivesTheRun");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the check holds a minute; the run does not wait for it")
                .isLessThan(Duration.ofSeconds(15));
        assertThat(stopped.status()).isEqualTo(CheckStatus.BROKEN);
        assertThat(stopped.attempts()).as("no retry once the deadline passed").isEqualTo(1);
        assertThat(stopped.message()).startsWith("RunDeadlineExceeded: run deadline of 2s passed while this check ran");
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("not retrying 1 broken check(s): the run deadline of 2s passed");

        CheckOutcome skipped = run(new RetryPolicy(1), deadline, "PassesFirstTime").get("PassesFirstTime");
        assertThat(skipped.status()).isEqualTo(CheckStatus.SKIPPED);
        assertThat(skipped.message()).isEqualTo("skipped: run deadline of 2s passed before this check could start");
        assertThat(verdict(List.of(stopped, skipped)).verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    /** The named fixture checks through {@link CheckExecution}, as the runner runs them; outcomes by class. */
    private Map<String, CheckOutcome> run(RetryPolicy policy, RunDeadline deadline, String... fixtures) {
        List<CheckDescriptor> checks = FIXTURES.checks().stream()
                .filter(c -> List.of(fixtures).contains(c.testClass().getSimpleName())).toList();
        assertThat(checks).hasSize(fixtures.length);
        folder = RunFolder.create(root, "test", Instant.now());
        RunEnvironment environment = new RunEnvironment(folder.runId(), new FakePlatform(), REGISTER, folder.evidence(), id -> "", deadline, java.util.Optional.empty());
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        OutcomeCollector collector = new OutcomeCollector(checks, environment, folder.path(), out);
        CheckEnvironment.Registry.register(environment);
        try {
            AllureCheckResults allure = CheckExecution.allureResults(folder, environment);
            new CheckExecution(folder, collector, policy, deadline, out, allure).run(checks);
            // the run writes them with its verdicts; these tests read the results as the checks left them
            allure.writeHeld(new AllureCheckResults.RunFacts(List.of(), Map.of(), null, null));
        } finally {
            CheckEnvironment.Registry.unregister(environment.runId());
        }
        return collector.outcomes().stream().collect(Collectors.toMap(o -> o.id().substring(0, o.id().indexOf('.')), o -> o));
    }

    private static KnelpuntVerdict verdict(java.util.Collection<CheckOutcome> outcomes) {
        return VerdictCalculator.compute(REGISTER, id -> outcomes.stream().map(CheckOutcome::id).toList(), k -> true,
                List.copyOf(outcomes), id -> "").get(0);
    }

    private List<JsonNode> allureResults() throws IOException {
        List<JsonNode> results = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder.allureResults())) {
            for (Path file : files.filter(f -> f.toString().endsWith("-result.json")).toList()) {
                results.add(Mappers.JSON.readTree(file.toFile()));
            }
        }
        return results;
    }
}
