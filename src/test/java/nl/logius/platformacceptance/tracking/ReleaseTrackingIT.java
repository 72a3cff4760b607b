package nl.logius.platformacceptance.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.logius.platformacceptance.json.Mappers;
import nl.logius.platformacceptance.register.Knelpunt;
import nl.logius.platformacceptance.register.RegisterLoader;
import nl.logius.platformacceptance.tracking.HarnessCommand.Outcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Release tracking on real run folders of the local platform: three runs of KP-STO-02 (the shortest check,
 * about 8 s) against the same target — healthy, injected with an expired waiver, and healthy again with a
 * register whose threshold was loosened — then {@code compare}, the overview and the Allure report, the last two
 * rendered in Debian's headless Chromium.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReleaseTrackingIT {

    private static final Path HOME = HarnessCommand.HOME;
    private static final Pattern RUN_FOLDER = Pattern.compile("Run folder: (\\S+)");
    private static final String KNELPUNT = "KP-STO-02";

    private static Path work;
    private static Path reports;
    private static Path healthy;
    private static Path injected;
    private static Path loosened;

    @BeforeAll
    static void three_runs_of_the_same_target() throws Exception {
        work = Files.createDirectories(HOME.resolve("target/release-tracking-it"))
                .resolve("run-" + System.currentTimeMillis());
        reports = Files.createDirectories(work.resolve("reports"));

        Outcome first = harness("run", "--knelpunt", KNELPUNT, "--release", "it-2026.10", "--out", reports.toString());
        assertThat(first.exitCode()).as(first.output()).isZero();
        healthy = runFolder(first);

        Path waivers = work.resolve("expired-waivers.yaml");
        Files.writeString(waivers, """
                waivers:
                  - knelpunt: KP-STO-02
                    reason: accepted until the storage upgrade
                    approver: platform owner
                    expires: 2020-01-31
                """);
        Outcome second = harness("run", "--knelpunt", KNELPUNT, "--inject", KNELPUNT, "--release", "it-2026.11",
                "--waivers", waivers.toString(), "--out", reports.toString());
        assertThat(second.exitCode()).as(second.output()).isEqualTo(1);
        injected = runFolder(second);

        Path register = work.resolve("knelpunten-loosened.yaml");
        String original = Files.readString(HOME.resolve("suites/knelpunten.yaml"));
        String loosenedText = original.replace("{name: checksum-mismatches, comparator: \"<=\", value: 0,",
                "{name: checksum-mismatches, comparator: \"<=\", value: 2,");
        assertThat(loosenedText).as("the register still names the threshold").isNotEqualTo(original);
        Files.writeString(register, loosenedText);
        Outcome third = harness("run", "--knelpunt", KNELPUNT, "--release", "it-2026.11", "--register", register.toString(),
                "--out", reports.toString());
        assertThat(third.exitCode()).as(third.output()).isZero();
        loosened = runFolder(third);
    }

    @Test
    @Order(1)
    void compare_names_the_injected_knelpunt_regressed_and_exits_1() throws Exception {
        Outcome compare = harness("compare", healthy.toString(), injected.toString());

        assertThat(compare.exitCode()).as(compare.output()).isEqualTo(1);
        assertThat(compare.output()).contains("REGRESSED (WAS RESOLVED, NOW FAILING) (1)\n  KP-STO-02  RESOLVED → FAILING")
                .contains("its waiver expired on 2020-01-31 and no longer counts", "Result: 1 regression(s), exit 1");
    }

    @Test
    @Order(2)
    void compare_the_other_way_round_names_it_newly_resolved_and_exits_0() throws Exception {
        Outcome compare = harness("compare", injected.toString(), healthy.toString());

        assertThat(compare.exitCode()).as(compare.output()).isZero();
        assertThat(compare.output()).contains("NEWLY RESOLVED (1)\n  KP-STO-02  FAILING → RESOLVED", "Result: no regression, exit 0");
    }

    @Test
    @Order(3)
    void a_threshold_changed_in_the_register_shows_as_drift_with_both_values() throws Exception {
        Outcome compare = harness("compare", healthy.toString(), loosened.toString());

        assertThat(compare.exitCode()).as(compare.output()).isZero();
        assertThat(compare.output()).contains(
                "KP-STO-02 threshold checksum-mismatches changed from <= 0 count to <= 2 count: weakened");
    }

    @Test
    @Order(4)
    void an_expired_waiver_is_reported_and_leaves_the_knelpunt_failing() throws Exception {
        JsonNode knelpunt = knelpunt(injected, KNELPUNT);

        assertThat(knelpunt.get("verdict").asText()).isEqualTo("FAILING");
        assertThat(knelpunt.get("waiver").get("expired").asBoolean()).isTrue();
        assertThat(knelpunt.get("reason").asText()).contains("expired on 2020-01-31 and no longer counts");
    }

    @Test
    @Order(5)
    void every_check_has_a_fingerprint_of_its_code_and_criterion() throws Exception {
        JsonNode fingerprint = Mappers.JSON.readTree(loosened.resolve("verdicts.json").toFile()).get("fingerprints")
                .get("DataIntegrityCheck.data_reads_back_exactly_as_written");

        assertThat(fingerprint.get("code").asText()).matches("sha256:[0-9a-f]{64}");
        assertThat(fingerprint.get("criteria").get(KNELPUNT).get("thresholds").get(0).get("value").asDouble()).isEqualTo(2);
    }

    @Test
    @Order(6)
    void the_allure_trend_continues_from_the_previous_healthy_run_of_the_target() throws Exception {
        JsonNode trend = Mappers.JSON.readTree(loosened.resolve("allure-report/history/history-trend.json").toFile());

        assertThat(trend).as("this run and the healthy run before it; the calibration run keeps its own trend").hasSize(2);
        assertThat(loosened.resolve("allure-results/history/history.json")).exists();
    }

    @Test
    @Order(7)
    void the_overview_renders_in_a_browser_with_every_knelpunt_and_every_run() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.find();
        Path index = reports.resolve(OverviewReport.HTML);

        String text = HeadlessChromium.visibleText(chromium.renderedDom(index, "", 2_000, work));

        for (Knelpunt knelpunt : RegisterLoader.load(HOME.resolve("suites/knelpunten.yaml")).knelpunten()) {
            assertThat(text).as("the overview shows " + knelpunt.id()).contains(knelpunt.id());
        }
        for (Path run : List.of(healthy, injected, loosened)) {
            assertThat(text).as("the overview lists run " + run.getFileName()).contains(run.getFileName().toString());
        }
        assertThat(text).contains("it-2026.11", "it-2026.10", "calibration, injected KP-STO-02");
    }

    @Test
    @Order(8)
    void the_allure_report_renders_in_a_browser_with_every_knelpunt_its_checks_verified() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.find();
        for (Path run : List.of(healthy, injected)) {
            List<String> verified = new ArrayList<>();
            Mappers.JSON.readTree(run.resolve("verdicts.json").toFile()).get("knelpunten").forEach(k -> {
                if (k.get("checks").size() > 0) {
                    verified.add(k.get("id").asText());
                }
            });

            String text = HeadlessChromium.visibleText(
                    chromium.renderedDom(run.resolve("allure-report/index.html"), "behaviors", 10_000, work));

            assertThat(verified).isNotEmpty();
            for (String id : verified) {
                assertThat(text).as("the Allure report of " + run.getFileName() + " shows " + id).contains(id);
            }
        }
    }

    private static JsonNode knelpunt(Path run, String id) throws IOException {
        for (JsonNode knelpunt : Mappers.JSON.readTree(run.resolve("verdicts.json").toFile()).get("knelpunten")) {
            if (knelpunt.get("id").asText().equals(id)) {
                return knelpunt;
            }
        }
        throw new AssertionError(id + " is not in " + run.resolve("verdicts.json"));
    }

    private static Path runFolder(Outcome outcome) {
        Matcher matcher = RUN_FOLDER.matcher(outcome.output());
        assertThat(matcher.find()).as("the run names its folder: " + outcome.output()).isTrue();
        return Path.of(matcher.group(1));
    }

    private static Outcome harness(String... arguments) throws IOException, InterruptedException {
        return HarnessCommand.run(work, arguments);
    }
}
