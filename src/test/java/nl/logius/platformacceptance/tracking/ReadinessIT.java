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
import java.util.stream.Stream;
import nl.logius.platformacceptance.json.Mappers;
import nl.logius.platformacceptance.register.Register;
import nl.logius.platformacceptance.register.RegisterLoader;
import nl.logius.platformacceptance.tracking.HarnessCommand.Outcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Migration readiness end to end. Two earlier releases as run folders written as runs write them (a full healthy
 * release; a full release with one knelpunt failing, one waived and one inconclusive), then one real narrow run on the
 * local platform of a third release that checks only KP-NET-01 (about 15 s). Then {@code readiness} as a pipeline
 * calls it, and the overview, the steering-group page and its PDF in Debian's headless Chromium, the PDF read back
 * with pdftotext.
 */
class ReadinessIT {

    private static final Pattern RUN_FOLDER = Pattern.compile("Run folder: (\\S+)");
    private static final Register REGISTER = RegisterLoader.load(HarnessCommand.HOME.resolve("suites/knelpunten.yaml"));
    private static final List<String> SERVICES = List.of("DigiD", "MijnOverheid", "Digipoort", "FBS");
    private static final String HEALTHY = "it-2026.10";
    private static final String FAILING = "it-2026.11";
    private static final String NARROW = "it-2026.12";

    private static Path work;
    private static Path reports;
    private static Outcome narrowRun;
    private static Path narrowFolder;

    @BeforeAll
    static void two_releases_as_run_folders_and_one_real_narrow_run() throws Exception {
        work = Files.createDirectories(HarnessCommand.HOME.resolve("target/readiness-it")).resolve("run-" + System.currentTimeMillis());
        reports = Files.createDirectories(work.resolve("reports"));
        RunDocument.run(HEALTHY, "20261001T100000Z-0001").everyKnelpunt(REGISTER, "RESOLVED").writeTo(reports);
        RunDocument failing = RunDocument.run(FAILING, "20261101T100000Z-0002");
        REGISTER.knelpunten().forEach(k -> {
            switch (k.id()) {
                case "KP-FO-02" -> failing.knelpunt(k.id(), "FAILING");
                case "KP-NET-02" -> failing.knelpunt(k.id(), "WAIVED", "FAILING").waiver("2999-12-31", false);
                case "KP-STO-04" -> failing.knelpunt(k.id(), "INCONCLUSIVE");
                default -> failing.knelpunt(k.id(), "RESOLVED");
            }
            failing.blocks(k.blocks().toArray(String[]::new));
        });
        failing.writeTo(reports);

        narrowRun = HarnessCommand.run(work, "run", "--knelpunt", "KP-NET-01", "--release", NARROW, "--out", reports.toString());
        assertThat(narrowRun.exitCode()).as(narrowRun.output()).isZero();
        Matcher folder = RUN_FOLDER.matcher(narrowRun.output());
        assertThat(folder.find()).as("the run names its folder: " + narrowRun.output()).isTrue();
        narrowFolder = Path.of(folder.group(1));
    }

    @Test
    void after_a_full_healthy_release_digid_may_migrate_exit_0() throws Exception {
        Outcome readiness = readiness("--service", "DigiD", "--release", HEALTHY);

        assertThat(readiness.exitCode()).as(readiness.output()).isZero();
        assertThat(readiness.output()).startsWith("DigiD on release " + HEALTHY + " on target local: MAY MIGRATE");
    }

    @Test
    void after_a_run_that_checked_only_networking_digid_is_not_verified_exit_3_naming_the_knelpunten() throws Exception {
        Outcome readiness = readiness("--service", "DigiD", "--release", NARROW);

        assertThat(readiness.exitCode()).as(readiness.output()).isEqualTo(3);
        assertThat(readiness.output()).startsWith("DigiD on release " + NARROW + " on target local: NOT VERIFIED")
                .contains("KP-FO-01 NOT_COVERED", "KP-DEP-01 NOT_COVERED", "KP-NET-02 NOT_COVERED", "not selected in this run")
                .doesNotContain("KP-NET-01 NOT_COVERED");
    }

    @Test
    void a_failing_knelpunt_blocks_exit_1_and_an_unknown_service_exits_2_listing_the_four() throws Exception {
        Outcome blocked = readiness("--service", "DigiD", "--release", FAILING);
        assertThat(blocked.exitCode()).as(blocked.output()).isEqualTo(1);
        assertThat(blocked.output()).contains("Blocked by (1):", "KP-FO-02 FAILING", "KP-NET-02 waived by platform owner until 2999-12-31");

        Outcome nope = readiness("--service", "Nope", "--release", FAILING);
        assertThat(nope.exitCode()).as(nope.output()).isEqualTo(2);
        assertThat(nope.output()).contains("--service Nope: unknown service; expected one of the services the register names: "
                + String.join(", ", SERVICES));
    }

    @Test
    void the_run_says_per_service_whether_it_may_migrate_in_verdicts_json_knelpunten_md_and_its_summary() throws Exception {
        JsonNode services = Mappers.JSON.readTree(narrowFolder.resolve("verdicts.json").toFile()).get("services");
        assertThat(services.get("target").asText()).isEqualTo("local");
        assertThat(services.get("release").asText()).isEqualTo(NARROW);
        List<String> names = new ArrayList<>();
        services.get("services").forEach(s -> names.add(s.get("service").asText() + " " + s.get("state").asText()));
        assertThat(names).containsExactly("DigiD NOT_VERIFIED", "MijnOverheid NOT_VERIFIED", "Digipoort NOT_VERIFIED", "FBS NOT_VERIFIED");
        assertThat(services.get("services").get(0).get("previousRelease").asText()).isEqualTo(FAILING);

        String markdown = Files.readString(narrowFolder.resolve("knelpunten.md"));
        assertThat(markdown.indexOf("## Migration readiness — release " + NARROW + " on target local")).isPositive()
                .isLessThan(markdown.indexOf("<summary>Provenance</summary>"));
        assertThat(narrowRun.output()).contains("Migration readiness on release " + NARROW + " on target local, as of this run")
                .containsPattern("DigiD +NOT VERIFIED +11 of its 12 knelpunten not verified")
                .contains("not verified: KP-NET-05, KP-NET-06, KP-DEP-01", "no longer blocked, but not verified against " + FAILING);
    }

    @Test
    void each_check_in_the_allure_results_carries_its_services_as_tags_and_its_impact_as_severity() throws Exception {
        JsonNode result = null;
        try (Stream<Path> files = Files.list(narrowFolder.resolve("allure-results"))) {
            for (Path file : files.filter(f -> f.toString().endsWith("-result.json")).toList()) {
                JsonNode candidate = Mappers.JSON.readTree(file.toFile());
                if (candidate.get("fullName").asText().contains("ServiceDiscoveryCheck")) {
                    result = candidate;
                }
            }
        }
        assertThat(result).as("the result of ServiceDiscoveryCheck").isNotNull();
        List<String> tags = new ArrayList<>();
        List<String> severities = new ArrayList<>();
        result.get("labels").forEach(label -> {
            if (label.get("name").asText().equals("tag")) {
                tags.add(label.get("value").asText());
            }
            if (label.get("name").asText().equals("severity")) {
                severities.add(label.get("value").asText());
            }
        });
        assertThat(tags).containsAll(SERVICES);
        assertThat(severities).containsExactly("blocker");
    }

    @Test
    void the_overview_opens_in_a_browser_with_the_services_at_the_top() throws Exception {
        String text = HeadlessChromium.visibleText(HeadlessChromium.find().renderedDom(reports.resolve(OverviewReport.HTML), "", 2_000, work));

        assertThat(text.indexOf("Migration readiness per service")).isNotNegative()
                .isLessThan(text.indexOf("Verdicts per release"));
        String services = text.substring(text.indexOf("Migration readiness per service"), text.indexOf("Verdicts per release"));
        assertThat(services).contains(SERVICES).contains(HEALTHY, FAILING, NARROW, "MAY MIGRATE", "BLOCKED KP-FO-02 FAILING",
                "NOT VERIFIED", "steering page");
    }

    @Test
    void the_steering_page_renders_and_its_pdf_names_every_service_and_the_blocker() throws Exception {
        Outcome steering = HarnessCommand.run(work, "steering-report", "--release", FAILING, "--reports", reports.toString());
        assertThat(steering.exitCode()).as(steering.output()).isZero();
        Path page = reports.resolve(FAILING).resolve("steering-local.html");
        Path pdf = reports.resolve(FAILING).resolve("steering-local.pdf");
        assertThat(steering.output()).contains(page.toString(), "PDF: " + pdf);

        String text = HeadlessChromium.visibleText(HeadlessChromium.find().renderedDom(page, "", 2_000, work));
        assertThat(text).contains("Migration readiness — release " + FAILING + " on target local").contains(SERVICES)
                .contains("Regressed (was RESOLVED, now FAILING): KP-NET-02 Title of KP-NET-02 (waived); KP-FO-02 Title of KP-FO-02")
                .contains("KP-NET-02 waived by platform owner");

        PdfText reader = PdfText.find();
        String pdfText = reader.text(pdf);
        assertThat(pdfText).contains(SERVICES).contains("BLOCKED", "KP-FO-02 FAILING", "Title of KP-FO-02",
                "KP-STO-04 INCONCLUSIVE", "KP-NET-02 waived by platform owner", "release " + FAILING + " on target local");
        assertThat(reader.pages(pdf)).as("one printable page").isEqualTo(1);
    }

    private static Outcome readiness(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("readiness"));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--reports", reports.toString()));
        return HarnessCommand.run(work, command.toArray(String[]::new));
    }
}
