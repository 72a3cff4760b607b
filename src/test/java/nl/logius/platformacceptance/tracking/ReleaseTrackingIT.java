package nl.logius.platformacceptance.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 * Release tracking on real run folders of the local platform: runs of KP-STO-02 (the shortest check, about 8 s)
 * against the same target — healthy before any calibration ({@code --require-calibration}: UNCALIBRATED, exit 3),
 * then a narrow calibration of KP-STO-02 only, injected with an expired waiver, healthy again with a register whose
 * threshold was loosened, and healthy with an operator's key — then {@code compare}, {@code verify}, the offline
 * script, the overview and the Allure report, the last two in Debian's headless Chromium (the report's search
 * driven as a person drives it).
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
    private static Path calibrated;
    private static Path calibration;
    private static Path trustedKeys;

    @BeforeAll
    static void runs_of_the_same_target_before_and_after_a_narrow_calibration() throws Exception {
        work = Files.createDirectories(HOME.resolve("target/release-tracking-it"))
                .resolve("run-" + System.currentTimeMillis());
        reports = Files.createDirectories(work.resolve("reports"));

        Outcome first = harness("run", "--knelpunt", KNELPUNT, "--release", "it-2026.10", "--out", reports.toString(),
                "--require-calibration");
        assertThat(first.exitCode()).as("RESOLVED, but no calibration proves the check could fail: " + first.output()).isEqualTo(3);
        healthy = runFolder(first);

        Outcome calibrate = harness("calibrate", "--knelpunt", KNELPUNT, "--parallel", "1", "--out", reports.toString());
        assertThat(calibrate.exitCode()).as(calibrate.output()).isZero();
        Matcher calibrationFolder = Pattern.compile("Calibration folder: (\\S+)").matcher(calibrate.output());
        assertThat(calibrationFolder.find()).isTrue();
        calibration = Path.of(calibrationFolder.group(1));

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

        Path keys = Files.createDirectories(work.resolve("keys"));
        openssl("genpkey", "-algorithm", "ed25519", "-out", keys.resolve("operator.key").toString());
        openssl("pkey", "-in", keys.resolve("operator.key").toString(), "-pubout", "-out", keys.resolve("operator.pub.pem").toString());
        trustedKeys = Files.writeString(keys.resolve("trusted-keys.yaml"), "keys:\n  - name: release tracking team\n"
                + "    publicKey: operator.pub.pem\n");
        Outcome fourth = harness("run", "--knelpunt", KNELPUNT, "--release", "it-2026.12", "--out", reports.toString(),
                "--require-calibration", "--signing-key", keys.resolve("operator.key").toString(), "--operator", "release tracking IT",
                "--trusted-keys", trustedKeys.toString());
        assertThat(fourth.exitCode()).as(fourth.output()).isZero();
        calibrated = runFolder(fourth);
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

    @Test
    @Order(9)
    void a_run_before_any_calibration_says_uncalibrated_and_what_it_covered() throws Exception {
        JsonNode verdicts = Mappers.JSON.readTree(healthy.resolve("verdicts.json").toFile());

        assertThat(verdicts.at("/provenance/calibration/proof").asText()).isEqualTo("UNCALIBRATED");
        assertThat(verdicts.at("/scope/statement").asText()).isEqualTo("reference platform: proves the checks, not an LPC release");
        assertThat(verdicts.at("/scope/knelpuntenChecked").toString()).isEqualTo("[\"KP-STO-02\"]");
        assertThat(Files.readString(healthy.resolve("knelpunten.md"))).contains("**Scope: reference platform: proves the checks, not an"
                + " LPC release.**", "**Calibration: UNCALIBRATED**");
        assertThat(Files.readString(healthy.resolve("allure-results/environment.properties")))
                .contains("scope=reference platform\\: proves the checks, not an LPC release", "calibration=UNCALIBRATED");
    }

    @Test
    @Order(10)
    void after_a_narrow_calibration_a_run_of_the_same_build_carries_it_and_verifies_intact_and_trusted() throws Exception {
        JsonNode provenance = Mappers.JSON.readTree(calibrated.resolve("verdicts.json").toFile()).get("provenance");

        assertThat(provenance.at("/calibration/proof").asText()).isEqualTo("CALIBRATED");
        assertThat(provenance.at("/calibration/detectable").toString()).isEqualTo("[\"KP-STO-02\"]");
        assertThat(provenance.at("/operator/name").asText()).isEqualTo("release tracking IT");
        assertThat(calibrated.resolve("calibration/calibration.json")).hasSameBinaryContentAs(calibration.resolve("calibration.json"));
        for (String input : List.of("inputs/register.yaml", "inputs/target-profile.yaml", "inputs/waivers.yaml")) {
            assertThat(calibrated.resolve(input)).exists();
        }
        assertThat(provenance.at("/register/sha256").asText())
                .isEqualTo(nl.logius.platformacceptance.bundle.Sha256.of(calibrated.resolve("inputs/register.yaml")));
        JsonNode source = Mappers.JSON.readTree(calibrated.resolve("verdicts.json").toFile())
                .at("/fingerprints/DataIntegrityCheck.data_reads_back_exactly_as_written/source");
        assertThat(source.get("path").asText()).isEqualTo("src/main/java/nl/logius/platformacceptance/suites/storage/DataIntegrityCheck.java");
        assertThat(source.get("sha256").asText()).isEqualTo("sha256:" + nl.logius.platformacceptance.bundle.Sha256.of(
                HOME.resolve(source.get("path").asText())));

        Outcome verify = harness("verify", calibrated.toString(), "--trusted-keys", trustedKeys.toString());
        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("INTACT", "sealed by release tracking team", "calibration: "
                + calibration.getFileName() + " carried in calibration/, intact under its own seal");
        nl.logius.platformacceptance.bundle.OfflineVerificationScript.Outcome offline =
                nl.logius.platformacceptance.bundle.OfflineVerificationScript.run(calibrated, work.resolve("keys/operator.pub.pem"));
        assertThat(offline.exitCode()).as(offline.output()).isZero();
        assertThat(offline.output()).contains("intact under its own seal").endsWith("INTACT\n");

        Outcome ephemeral = harness("verify", healthy.toString(), "--trusted-keys", trustedKeys.toString());
        assertThat(ephemeral.exitCode()).isEqualTo(1);
        assertThat(ephemeral.output()).contains("not sealed by a trusted key", "ephemeral key");
    }

    @Test
    @Order(11)
    void a_run_that_loosened_a_threshold_is_not_proven_by_the_calibration_of_the_stricter_one() throws Exception {
        JsonNode calibrationOfLoosened = Mappers.JSON.readTree(loosened.resolve("verdicts.json").toFile()).at("/provenance/calibration");

        assertThat(calibrationOfLoosened.get("status").asText()).as("the same build: linked").isEqualTo("linked");
        assertThat(calibrationOfLoosened.get("proof").asText()).isEqualTo("UNCALIBRATED");
        assertThat(calibrationOfLoosened.at("/unproven/0/reason").asText()).contains("calibrated with other thresholds")
                .contains("checksum-mismatches <= 0 count").contains("checksum-mismatches <= 2 count");
    }

    @Test
    @Order(12)
    void the_allure_report_search_finds_a_knelpunt_by_id_and_its_page_shows_the_verdict_and_thresholds_without_java() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.find();
        try (BrowserSession browser = BrowserSession.open(chromium, work)) {
            browser.navigate(calibrated.resolve("allure-report/index.html").toUri() + "#behaviors");
            browser.awaitTrue("document.querySelector('.search__input') !== null", Duration.ofSeconds(60));
            browser.evaluate("(() => { const search = document.querySelector('.search__input'); search.value = '" + KNELPUNT + "';"
                    + " search.dispatchEvent(new Event('input', {bubbles: true})); return true; })()");
            browser.awaitTrue("document.querySelectorAll('.node__leaf').length === 1", Duration.ofSeconds(30));
            String found = browser.evaluate("document.querySelector('.tree').innerText").asText();
            assertThat(found).contains(KNELPUNT + " · Data read back differs from data written").doesNotContain("KP-NET-01");

            browser.evaluate("document.querySelector('.node__leaf').click()");
            browser.awaitTrue("document.body.innerText.includes('Verdict on " + KNELPUNT + " in this run')", Duration.ofSeconds(30));
            String page = browser.text();
            assertThat(page).contains(KNELPUNT + " · Data read back differs from data written — data reads back exactly as written",
                    "Verdict on KP-STO-02 in this run: RESOLVED", "Parameters", "knelpunt verdict: RESOLVED",
                    "checksum-mismatches (threshold): <= 0 count", "checksum-mismatches (measured): 0 count — met",
                    "Calibration: proven detectable by calibration", "harness → probe control traffic")
                    .doesNotContain("(Tenant, Criterion, Evidence)", "nl.logius.platformacceptance")
                    .containsPattern("Tags:[^\\n]*RESOLVED");
        }
    }

    @Test
    @Order(13)
    void the_overview_sets_the_reference_platform_apart_shows_every_seal_and_links_into_the_knelpunt() throws Exception {
        Outcome report = harness("report", "--out", reports.toString(), "--trusted-keys", trustedKeys.toString());
        assertThat(report.exitCode()).as(report.output()).isZero();
        String markdown = Files.readString(reports.resolve(OverviewReport.MARKDOWN));
        String html = Files.readString(reports.resolve(OverviewReport.HTML));

        assertThat(markdown).contains("## Local reference platform — reference platform: proves the checks, not an LPC release",
                "sealed by release tracking team", "NOT TRUSTED: its provenance says it was sealed with an ephemeral key",
                "CALIBRATED by " + calibration.getFileName(), "UNCALIBRATED");
        String row = html.substring(html.indexOf("<tr id=\"reference-matrix-kp-sto-02\">"));
        Matcher link = Pattern.compile("href=\"(it-2026\\.12/[^\"#]+/allure-report/index\\.html#behaviors/[0-9a-f]+/[0-9a-f]+)\"")
                .matcher(row.substring(0, row.indexOf("</tr>")));
        assertThat(link.find()).as("the matrix links into the knelpunt in the report").isTrue();
        HeadlessChromium chromium = HeadlessChromium.find();
        try (BrowserSession browser = BrowserSession.open(chromium, work)) {
            browser.navigate(reports.toUri().resolve(link.group(1)).toString());
            browser.awaitTrue("document.body.innerText.includes('Verdict on " + KNELPUNT + " in this run')", Duration.ofSeconds(60));
        }
    }

    private static void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
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
