package nl.logius.platformacceptance.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import nl.logius.platformacceptance.register.Register;
import nl.logius.platformacceptance.register.RegisterLoader;
import nl.logius.platformacceptance.verdict.KnelpuntStanding;
import nl.logius.platformacceptance.verdict.Readiness;
import nl.logius.platformacceptance.verdict.ReleaseReadiness;
import nl.logius.platformacceptance.verdict.ServiceReadiness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readiness read from run folders as the overview reads them: per release and target, area by area, calibration apart. */
class ReadinessTrackerTest {

    private static final Register REGISTER = RegisterLoader.load(Path.of("suites/knelpunten.yaml"));
    private static final LocalDate TODAY = LocalDate.parse("2026-12-02");

    @TempDir
    Path reports;

    @Test
    void a_release_run_area_by_area_is_judged_on_the_newest_run_that_checked_each_knelpunt() {
        RunDocument.run("2026.11", "20261101T100000Z-0001").knelpunt("KP-NET-01", "RESOLVED").knelpunt("KP-STO-02", "NOT_COVERED")
                .writeTo(reports);
        RunDocument.run("2026.11", "20261101T120000Z-0002").knelpunt("KP-NET-01", "NOT_COVERED").knelpunt("KP-STO-02", "FAILING")
                .writeTo(reports);

        ReleaseReadiness release = track().readiness("local", "2026.11").orElseThrow();

        assertThat(release.runs()).containsExactly("20261101T120000Z-0002", "20261101T100000Z-0001");
        ServiceReadiness digid = release.service("DigiD").orElseThrow();
        assertThat(digid.state()).as("DigiD is blocked by KP-NET-01 only, resolved by the first run").isEqualTo(Readiness.MAY_MIGRATE);
        ServiceReadiness fbs = release.service("FBS").orElseThrow();
        assertThat(fbs.state()).isEqualTo(Readiness.BLOCKED);
        assertThat(fbs.blockers()).singleElement().satisfies(k -> {
            assertThat(k.id()).isEqualTo("KP-STO-02");
            assertThat(k.evidence()).isEqualTo("2026.11/20261101T120000Z-0002/knelpunten.md#kp-sto-02");
        });
    }

    @Test
    void runs_on_another_target_and_calibration_runs_never_decide_a_release() {
        RunDocument.run("2026.11", "20261101T100000Z-0001").target("lpc-acc").knelpunt("KP-NET-01", "NOT_COVERED").writeTo(reports);
        RunDocument.run("2026.11", "20261101T110000Z-0002").knelpunt("KP-NET-01", "RESOLVED").writeTo(reports);
        RunDocument.run("2026.11", "20261101T120000Z-0003").target("lpc-acc").injected("KP-NET-01").knelpunt("KP-NET-01", "RESOLVED")
                .writeTo(reports);

        ReadinessTracker tracker = track();

        assertThat(tracker.targetsOf("2026.11")).containsExactlyInAnyOrder("local", "lpc-acc");
        assertThat(tracker.readiness("local", "2026.11").orElseThrow().service("DigiD").orElseThrow().state())
                .isEqualTo(Readiness.MAY_MIGRATE);
        ReleaseReadiness lpc = tracker.readiness("lpc-acc", "2026.11").orElseThrow();
        assertThat(lpc.service("DigiD").orElseThrow().state()).as("the local run resolved it, not a run on lpc-acc")
                .isEqualTo(Readiness.NOT_VERIFIED);
        assertThat(lpc.runs()).as("the calibration run is no verdict").containsExactly("20261101T100000Z-0001");
    }

    @Test
    void releases_are_ordered_by_their_first_run_so_a_rerun_of_an_old_release_stays_old() {
        RunDocument.run("2026.10", "20261001T100000Z-0001").knelpunt("KP-NET-01", "FAILING").writeTo(reports);
        RunDocument.run("2026.11", "20261101T100000Z-0002").knelpunt("KP-NET-01", "RESOLVED").writeTo(reports);
        RunDocument.run("2026.10", "20261115T100000Z-0003").knelpunt("KP-NET-01", "FAILING").writeTo(reports);

        ReadinessTracker tracker = track();

        assertThat(tracker.releases("local")).extracting(ReleaseReadiness::release).containsExactly("2026.11", "2026.10");
        ServiceReadiness digid = tracker.readiness("local", "2026.11").orElseThrow().service("DigiD").orElseThrow();
        assertThat(digid.previousRelease()).isEqualTo("2026.10");
        assertThat(digid.change()).isEqualTo(ServiceReadiness.Change.NEWLY_UNBLOCKED);
        assertThat(digid.noLongerBlocking()).containsExactly("KP-NET-01");
    }

    @Test
    void the_services_a_run_recorded_count_and_the_register_fills_in_for_older_runs() {
        RunDocument.run("2026.11", "20261101T100000Z-0001").knelpunt("KP-NET-01", "FAILING").blocks("FBS")
                .knelpunt("KP-STO-02", "FAILING").writeTo(reports);

        ReleaseReadiness release = track().readiness("local", "2026.11").orElseThrow();

        assertThat(release.service("DigiD").orElseThrow().state()).as("as recorded, KP-NET-01 blocked only FBS in that run")
                .isEqualTo(Readiness.NOT_VERIFIED);
        assertThat(release.service("MijnOverheid").orElseThrow().blockers()).extracting(KnelpuntStanding::id)
                .as("KP-STO-02 recorded nothing: the register says it blocks MijnOverheid").containsExactly("KP-STO-02");
        assertThat(release.service("FBS").orElseThrow().blockers()).extracting(KnelpuntStanding::id)
                .containsExactlyInAnyOrder("KP-NET-01", "KP-STO-02");
    }

    @Test
    void a_run_that_is_not_yet_finished_is_judged_with_the_earlier_runs_of_its_release() throws Exception {
        RunDocument.run("2026.11", "20261101T100000Z-0001").knelpunt("KP-NET-01", "RESOLVED").knelpunt("KP-STO-02", "FAILING")
                .writeTo(reports);
        RunDocument current = RunDocument.run("2026.11", "20261101T120000Z-0002").knelpunt("KP-NET-01", "NOT_COVERED")
                .knelpunt("KP-STO-02", "RESOLVED");
        Path folder = Files.createDirectories(reports.resolve("2026.11/20261101T120000Z-0002"));

        ReleaseReadiness release = ReadinessTracker.asOfRun(reports, folder, current.verdicts(), REGISTER, TODAY).orElseThrow();

        assertThat(release.runs()).containsExactly("20261101T120000Z-0002", "20261101T100000Z-0001");
        assertThat(release.services()).extracting(ServiceReadiness::state).containsOnly(Readiness.MAY_MIGRATE);
        assertThat(ReadinessTracker.asOfRun(reports, folder, RunDocument.run("2026.11", "20261101T120000Z-0002")
                .injected("KP-STO-02").knelpunt("KP-STO-02", "FAILING").verdicts(), REGISTER, TODAY))
                .as("a calibration run is no verdict on a release").isEmpty();
    }

    @Test
    void the_overview_shows_services_by_release_above_the_knelpunten_and_writes_a_steering_page_per_release() throws Exception {
        RunDocument.run("2026.10", "20261001T100000Z-0001").knelpunt("KP-NET-01", "RESOLVED").knelpunt("KP-STO-02", "RESOLVED")
                .writeTo(reports);
        RunDocument.run("2026.11", "20261101T100000Z-0002").knelpunt("KP-NET-01", "RESOLVED").knelpunt("KP-STO-02", "FAILING")
                .writeTo(reports);

        OverviewReport.Written written = OverviewReport.write(reports, REGISTER, Instant.parse("2026-12-02T00:00:00Z"));

        String html = Files.readString(written.html());
        assertThat(html.indexOf("Migration readiness per service")).isPositive().isLessThan(html.indexOf("Verdicts per release"));
        assertThat(html).contains("<th>DigiD</th>", "<th>MijnOverheid</th>", "<th>Digipoort</th>", "<th>FBS</th>")
                .contains("<a href=\"2026.11/steering-local.html\">steering page</a>")
                .contains("<a href=\"2026.11/20261101T100000Z-0002/knelpunten.md#kp-sto-02\">KP-STO-02 FAILING</a>");
        String markdown = Files.readString(written.markdown());
        assertThat(markdown).contains("| FBS | **BLOCKED** [KP-STO-02 FAILING](2026.11/20261101T100000Z-0002/knelpunten.md#kp-sto-02) |"
                + " **MAY MIGRATE** |", "| DigiD | **MAY MIGRATE** | **MAY MIGRATE** |");
        assertThat(written.steeringPages()).containsExactly(reports.resolve("2026.11/steering-local.html"),
                reports.resolve("2026.10/steering-local.html"));
        String steering = Files.readString(reports.resolve("2026.11/steering-local.html"));
        assertThat(steering).contains("Migration readiness — release 2026.11 on target local", "Since the previous release, 2026.10",
                        "Regressed (was RESOLVED, now FAILING):</b> <a href=\"../2026.11/20261101T100000Z-0002/knelpunten.md#kp-sto-02\">KP-STO-02</a>",
                        "newly blocked against 2026.10 (may migrate there)", "<svg")
                .as("self-contained: no script, no style sheet or font from elsewhere")
                .doesNotContain("<script", "<link", "src=\"http", "@import", "url(");
    }

    private ReadinessTracker track() {
        return ReadinessTracker.of(RunHistory.scan(reports).releaseRuns(), REGISTER, TODAY);
    }
}
