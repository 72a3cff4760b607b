package nl.logius.platformacceptance.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import nl.logius.platformacceptance.register.Register;
import nl.logius.platformacceptance.register.RegisterLoader;
import nl.logius.platformacceptance.runfolder.RunFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverviewTest {

    private static final Register REGISTER = RegisterLoader.load(Path.of("suites/knelpunten.yaml"));
    private static final String LPC = "lpc-acc";

    @TempDir
    Path reports;

    @Test
    void shows_every_knelpunt_by_release_newest_first_and_every_run_folder() throws Exception {
        RunDocument.run("2026.10", "20261001T100000Z-0001").target(LPC).knelpunt("KP-STO-02", "FAILING").knelpunt("KP-NET-01", "NOT_COVERED")
                .writeTo(reports);
        // A release run area by area: the newest run that checked a knelpunt gives its cell.
        RunDocument.run("2026.11", "20261101T100000Z-0002").target(LPC).knelpunt("KP-STO-02", "RESOLVED").knelpunt("KP-NET-01", "NOT_COVERED")
                .writeTo(reports);
        RunDocument.run("2026.11", "20261101T120000Z-0003").target(LPC).knelpunt("KP-STO-02", "NOT_COVERED")
                .knelpunt("KP-NET-01", "WAIVED", "FAILING").writeTo(reports);
        RunDocument.run("2026.11", "20261101T130000Z-0004").target(LPC).injected("KP-STO-02").knelpunt("KP-STO-02", "FAILING")
                .knelpunt("KP-NET-01", "NOT_COVERED").writeTo(reports);
        Path killed = Files.createDirectories(reports.resolve("2026.12/20261201T100000Z-0005"));
        Files.writeString(killed.resolve(RunFolder.INCOMPLETE_MARKER), "run started");

        OverviewReport.Written written = OverviewReport.write(reports, REGISTER, Instant.parse("2026-12-02T00:00:00Z"));

        Overview.Matrix releases = written.overview().releases();
        assertThat(releases.columns()).extracting(Overview.Column::release).containsExactly("2026.11", "2026.10");
        assertThat(releases.columns().get(0).runs()).as("calibration runs stay out of release status").hasSize(2);
        assertThat(releases.rows()).extracting(Overview.Row::id).containsExactly("KP-STO-02", "KP-NET-01");
        assertThat(releases.rows().get(0).cells()).extracting(OverviewWords::cell).containsExactly("RESOLVED", "FAILING");
        assertThat(releases.rows().get(1).cells()).extracting(OverviewWords::cell)
                .containsExactly("WAIVED (measured FAILING)", "NOT_COVERED");
        assertThat(written.overview().reference().columns()).isEmpty();

        String markdown = Files.readString(written.markdown());
        assertThat(markdown)
                .contains("| KP-STO-02 | Title of KP-STO-02 | [RESOLVED](2026.11/20261101T100000Z-0002/knelpunten.md#kp-sto-02) | "
                        + "[FAILING](2026.10/20261001T100000Z-0001/knelpunten.md#kp-sto-02) |")
                .contains("| KP-STO-02 | resolved |")
                .contains("calibration, injected KP-STO-02", "INCOMPLETE (killed, or still running): no verdict")
                .contains("20261001T100000Z-0001", "20261101T100000Z-0002", "20261101T120000Z-0003", "20261101T130000Z-0004",
                        "2026.12/20261201T100000Z-0005")
                .contains("UNCALIBRATED (not recorded)", "not checked (report --trusted-keys FILE)");
        assertThat(markdown.indexOf("2026.11 (lpc-acc")).isLessThan(markdown.indexOf("2026.10 (lpc-acc"));

        String html = Files.readString(written.html());
        assertThat(html).contains("<th>KP-STO-02</th>", "<th>KP-NET-01</th>", "class=\"v FAILING\"", "WAIVED (measured FAILING)")
                .contains("href=\"2026.11/20261101T100000Z-0002/knelpunten.md#kp-sto-02\"")
                .as("self-contained: no script, no style sheet or font from elsewhere")
                .doesNotContain("<script", "<link", "src=\"http", "@import", "url(");
    }

    @Test
    void runs_on_the_local_reference_platform_stand_apart_and_never_resolve_a_release() throws Exception {
        RunDocument.run("2026.11", "20261101T100000Z-0001").target(LPC).knelpunt("KP-STO-02", "FAILING").writeTo(reports);
        RunDocument.run("local-dev", "20261102T100000Z-0002").knelpunt("KP-STO-02", "RESOLVED").writeTo(reports);

        OverviewReport.Written written = OverviewReport.write(reports, REGISTER, Instant.parse("2026-12-02T00:00:00Z"));

        Overview overview = written.overview();
        assertThat(overview.releases().columns()).extracting(Overview.Column::release).containsExactly("2026.11");
        assertThat(overview.reference().columns()).extracting(Overview.Column::release).containsExactly("local-dev");
        assertThat(overview.releases().trackers()).singleElement().satisfies(tracker -> {
            assertThat(tracker.target()).isEqualTo(LPC);
            assertThat(tracker.statuses().get("KP-STO-02").state()).isEqualTo(KnelpuntTracker.State.OPEN);
            assertThat(tracker.statuses().get("KP-STO-02").firstResolved()).as("a local run resolves no release").isNull();
        });
        String markdown = Files.readString(written.markdown());
        assertThat(markdown.indexOf("## Local reference platform — reference platform: proves the checks, not an LPC release"))
                .isGreaterThan(markdown.indexOf("2026.11 (lpc-acc"));
        assertThat(markdown).contains("| reference platform: proves the checks, not an LPC release |", "| platform release on lpc-acc |")
                .contains("**Target local — reference platform: proves the checks, not an LPC release");
        assertThat(Files.readString(written.html())).contains("<section class=\"reference\" id=\"reference-platform\">");
    }

    @Test
    void an_empty_output_root_gives_an_overview_that_says_so() throws Exception {
        OverviewReport.Written written = OverviewReport.write(reports, REGISTER, Instant.now());

        assertThat(Files.readString(written.markdown())).contains("No finished release run yet.", "No run folder under");
        assertThat(Files.readString(written.html())).contains("No finished release run yet.");
    }

    @Test
    void an_unreadable_verdicts_file_is_listed_not_fatal() throws Exception {
        Path broken = Files.createDirectories(reports.resolve("r1/20261001T100000Z-0001"));
        Files.writeString(broken.resolve("verdicts.json"), "{ not json");

        RunHistory history = RunHistory.scan(reports);

        assertThat(history.unfinished()).singleElement().satisfies(run -> {
            assertThat(run.state()).isEqualTo(RunHistory.State.UNREADABLE);
            assertThat(OverviewWords.kind(run)).startsWith("UNREADABLE: verdicts.json unreadable");
        });
        assertThat(history.releaseRuns()).isEmpty();
    }
}
