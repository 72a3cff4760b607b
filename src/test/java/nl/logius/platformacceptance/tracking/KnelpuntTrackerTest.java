package nl.logius.platformacceptance.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nl.logius.platformacceptance.tracking.KnelpuntTracker.State;
import nl.logius.platformacceptance.tracking.KnelpuntTracker.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnelpuntTrackerTest {

    @TempDir
    Path reports;

    @Test
    void follows_a_knelpunt_from_first_failure_through_resolution_and_a_regression() {
        RunDocument.run("2026.09", "20260901T100000Z-0001").knelpunt("KP-STO-02", "FAILING").writeTo(reports);
        RunDocument.run("2026.10", "20261001T100000Z-0002").knelpunt("KP-STO-02", "INCONCLUSIVE").writeTo(reports);
        RunDocument.run("2026.10", "20261002T100000Z-0003").knelpunt("KP-STO-02", "RESOLVED").writeTo(reports);
        RunDocument.run("2026.11", "20261101T100000Z-0004").knelpunt("KP-STO-02", "NOT_COVERED").writeTo(reports);
        RunDocument.run("2026.11", "20261102T100000Z-0005").knelpunt("KP-STO-02", "FAILING").writeTo(reports);
        RunDocument.run("2026.12", "20261201T100000Z-0006").knelpunt("KP-STO-02", "WAIVED", "FAILING").writeTo(reports);

        Status status = track().get("KP-STO-02");

        assertThat(status.state()).isEqualTo(State.REGRESSED);
        assertThat(status.firstFailing().runId()).isEqualTo("20260901T100000Z-0001");
        assertThat(status.firstResolved().runId()).isEqualTo("20261002T100000Z-0003");
        assertThat(status.regressions()).extracting(RunHistory.RunEntry::runId).containsExactly("20261102T100000Z-0005");
        assertThat(status.latest().runId()).isEqualTo("20261201T100000Z-0006");
        assertThat(status.latestVerdict()).hasToString("WAIVED");
        assertThat(status.since().runId()).as("failing since the regression").isEqualTo("20261102T100000Z-0005");
    }

    @Test
    void a_knelpunt_resolved_again_counts_each_regression() {
        RunDocument.run("r1", "20260901T100000Z-0001").knelpunt("KP-STO-02", "RESOLVED").writeTo(reports);
        RunDocument.run("r2", "20261001T100000Z-0002").knelpunt("KP-STO-02", "FAILING").writeTo(reports);
        RunDocument.run("r3", "20261101T100000Z-0003").knelpunt("KP-STO-02", "RESOLVED").writeTo(reports);
        RunDocument.run("r4", "20261201T100000Z-0004").knelpunt("KP-STO-02", "FAILING").writeTo(reports);
        RunDocument.run("r5", "20261215T100000Z-0005").knelpunt("KP-STO-02", "RESOLVED").writeTo(reports);

        Status status = track().get("KP-STO-02");

        assertThat(status.state()).isEqualTo(State.RESOLVED);
        assertThat(status.firstFailing().release()).isEqualTo("r2");
        assertThat(status.regressions()).extracting(RunHistory.RunEntry::release).containsExactly("r2", "r4");
        assertThat(status.since().release()).isEqualTo("r5");
    }

    @Test
    void calibration_runs_never_count() {
        RunDocument.run("r1", "20260901T100000Z-0001").knelpunt("KP-STO-02", "RESOLVED").writeTo(reports);
        RunDocument.run("r1", "20260902T100000Z-0002").injected("KP-STO-02").knelpunt("KP-STO-02", "FAILING").writeTo(reports);

        Status status = track().get("KP-STO-02");

        assertThat(status.state()).isEqualTo(State.RESOLVED);
        assertThat(status.firstFailing()).isNull();
        assertThat(status.regressions()).isEmpty();
    }

    @Test
    void a_knelpunt_never_checked_or_never_measured_says_so() {
        RunDocument.run("r1", "20260901T100000Z-0001").knelpunt("KP-STO-02", "NOT_COVERED")
                .knelpunt("KP-FO-01", "INCONCLUSIVE").knelpunt("KP-NET-01", "FAILING").writeTo(reports);

        Map<String, Status> statuses = track();

        assertThat(statuses.get("KP-STO-02").state()).isEqualTo(State.NEVER_CHECKED);
        assertThat(statuses.get("KP-FO-01").state()).isEqualTo(State.NOT_YET_MEASURED);
        assertThat(statuses.get("KP-NET-01").state()).isEqualTo(State.OPEN);
    }

    private Map<String, Status> track() {
        return KnelpuntTracker.track(RunHistory.scan(reports).releaseRuns(), List.of("KP-STO-02", "KP-FO-01", "KP-NET-01"));
    }
}
