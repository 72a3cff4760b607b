package nl.logius.platformacceptance.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import nl.logius.platformacceptance.tracking.Drift.Direction;
import nl.logius.platformacceptance.tracking.RunComparison.Change;
import nl.logius.platformacceptance.tracking.RunComparison.KnelpuntChange;
import nl.logius.platformacceptance.verdict.RunVerdicts;
import org.junit.jupiter.api.Test;

class RunComparatorTest {

    private static RunDocument healthy() {
        return RunDocument.run("2026.11", "20261101T100000Z-0001")
                .knelpunt("KP-STO-02", "RESOLVED").measurement("mismatches", 0, "count", "<=", 0)
                .threshold("KP-STO-02", "mismatches", "<=", 0, "count")
                .knelpunt("KP-NET-01", "RESOLVED").measurement("lookup-time-p99", 2, "ms", "<=", 100)
                .threshold("KP-NET-01", "lookup-time-p99", "<=", 100, "ms")
                .knelpunt("KP-FO-01", "NOT_COVERED");
    }

    private static RunDocument injected() {
        return RunDocument.run("2026.11", "20261101T110000Z-0002").injected("KP-STO-02")
                .knelpunt("KP-STO-02", "FAILING").measurement("mismatches", 3, "count", "<=", 0)
                .threshold("KP-STO-02", "mismatches", "<=", 0, "count")
                .knelpunt("KP-NET-01", "RESOLVED").measurement("lookup-time-p99", 2.1, "ms", "<=", 100)
                .threshold("KP-NET-01", "lookup-time-p99", "<=", 100, "ms")
                .knelpunt("KP-FO-01", "NOT_COVERED");
    }

    private static KnelpuntChange change(RunComparison comparison, String id) {
        return comparison.knelpunten().stream().filter(k -> k.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void a_knelpunt_that_was_resolved_and_now_fails_regressed_and_compare_exits_1() {
        RunComparison comparison = RunComparator.compare(healthy().verdicts(), injected().verdicts(), 0.5);

        assertThat(change(comparison, "KP-STO-02").change()).isEqualTo(Change.REGRESSED);
        assertThat(change(comparison, "KP-NET-01").change()).isEqualTo(Change.STILL_RESOLVED);
        assertThat(change(comparison, "KP-FO-01").change()).isEqualTo(Change.NOT_CHECKED);
        assertThat(comparison.exitCode()).isEqualTo(1);
        assertThat(ComparisonText.render(comparison))
                .contains("REGRESSED (WAS RESOLVED, NOW FAILING) (1)", "KP-STO-02  RESOLVED → FAILING", "exit 1")
                .contains("calibration run with injected faults (KP-STO-02)");
    }

    @Test
    void the_reverse_order_names_it_newly_resolved_and_exits_0() {
        RunComparison comparison = RunComparator.compare(injected().verdicts(), healthy().verdicts(), 0.5);

        assertThat(change(comparison, "KP-STO-02").change()).isEqualTo(Change.NEWLY_RESOLVED);
        assertThat(comparison.regressions()).isEmpty();
        assertThat(comparison.exitCode()).isZero();
        assertThat(ComparisonText.render(comparison)).contains("NEWLY RESOLVED (1)", "REGRESSED (WAS RESOLVED, NOW FAILING) (0)",
                "Result: no regression, exit 0");
    }

    @Test
    void a_regression_covered_by_a_valid_waiver_is_shown_but_does_not_fail() {
        RunVerdicts waived = RunDocument.run("2026.12", "20261201T100000Z-0003")
                .knelpunt("KP-STO-02", "WAIVED", "FAILING").waiver("2026-12-31", false).verdicts();

        RunComparison comparison = RunComparator.compare(healthy().verdicts(), waived, 0.5);

        assertThat(change(comparison, "KP-STO-02").change()).isEqualTo(Change.REGRESSED);
        assertThat(change(comparison, "KP-STO-02").waiverNote()).contains("waived until 2026-12-31 by platform owner");
        assertThat(comparison.exitCode()).isZero();
        assertThat(ComparisonText.render(comparison)).contains("Result: no regression (1 more covered by a waiver), exit 0");
    }

    @Test
    void a_regression_whose_waiver_expired_fails() {
        RunVerdicts expired = RunDocument.run("2026.12", "20261201T100000Z-0003")
                .knelpunt("KP-STO-02", "FAILING").waiver("2026-01-31", true).verdicts();

        RunComparison comparison = RunComparator.compare(healthy().verdicts(), expired, 0.5);

        assertThat(change(comparison, "KP-STO-02").waiverNote()).isEqualTo("its waiver expired on 2026-01-31 and no longer counts");
        assertThat(comparison.exitCode()).isEqualTo(1);
    }

    @Test
    void a_threshold_changed_between_the_runs_is_drift_naming_the_threshold_and_both_values() {
        RunVerdicts looser = RunDocument.run("2026.12", "20261201T100000Z-0004")
                .knelpunt("KP-NET-01", "RESOLVED").measurement("lookup-time-p99", 2, "ms", "<=", 250)
                .threshold("KP-NET-01", "lookup-time-p99", "<=", 250, "ms").verdicts();

        RunComparison comparison = RunComparator.compare(healthy().verdicts(), looser, 0.5);

        assertThat(comparison.drift()).singleElement().satisfies(drift -> {
            assertThat(drift.knelpunt()).isEqualTo("KP-NET-01");
            assertThat(drift.subject()).isEqualTo("lookup-time-p99");
            assertThat(drift.direction()).isEqualTo(Direction.WEAKENED);
            assertThat(drift.describe())
                    .isEqualTo("KP-NET-01 threshold lookup-time-p99 changed from <= 100 ms to <= 250 ms: weakened");
        });
        assertThat(ComparisonText.render(comparison)).contains("DRIFT OF THE CHECKS (1)",
                "KP-NET-01 threshold lookup-time-p99 changed from <= 100 ms to <= 250 ms: weakened");
    }

    @Test
    void a_knelpunt_that_turned_resolved_while_its_threshold_was_weakened_is_flagged() {
        RunVerdicts failing = RunDocument.run("2026.11", "20261101T100000Z-0001")
                .knelpunt("KP-NET-01", "FAILING").measurement("lookup-time-p99", 180, "ms", "<=", 100)
                .threshold("KP-NET-01", "lookup-time-p99", "<=", 100, "ms").verdicts();
        RunVerdicts green = RunDocument.run("2026.12", "20261201T100000Z-0002")
                .knelpunt("KP-NET-01", "RESOLVED").measurement("lookup-time-p99", 180, "ms", "<=", 200)
                .threshold("KP-NET-01", "lookup-time-p99", "<=", 200, "ms").verdicts();

        RunComparison comparison = RunComparator.compare(failing, green, 0.5);

        assertThat(change(comparison, "KP-NET-01").change()).isEqualTo(Change.NEWLY_RESOLVED);
        assertThat(change(comparison, "KP-NET-01").criterionWeakened()).isTrue();
        assertThat(ComparisonText.render(comparison)).contains("WARNING: it turned RESOLVED while its criterion was weakened");
    }

    @Test
    void a_lower_bound_raised_is_tightened_and_a_removed_threshold_is_weakened() {
        RunVerdicts before = RunDocument.run("r1", "20261101T100000Z-0001").knelpunt("KP-FO-01", "RESOLVED")
                .threshold("KP-FO-01", "availability", ">=", 99, "%").threshold("KP-FO-01", "longest-outage", "<=", 5, "s")
                .verdicts();
        RunVerdicts after = RunDocument.run("r2", "20261201T100000Z-0002").knelpunt("KP-FO-01", "RESOLVED")
                .threshold("KP-FO-01", "availability", ">=", 99.9, "%").verdicts();

        RunComparison comparison = RunComparator.compare(before, after, 0.5);

        assertThat(comparison.drift()).extracting(Drift::describe).containsExactly(
                "KP-FO-01 threshold availability changed from >= 99 % to >= 99.9 %: tightened",
                "KP-FO-01 threshold longest-outage removed (was <= 5 s): weakened");
    }

    @Test
    void a_threshold_in_another_unit_of_time_is_ranked_by_its_duration() {
        RunVerdicts before = RunDocument.run("r1", "20261101T100000Z-0001").knelpunt("KP-FO-01", "RESOLVED")
                .threshold("KP-FO-01", "recovery-time", "<=", 500, "ms").verdicts();
        RunVerdicts after = RunDocument.run("r2", "20261201T100000Z-0002").knelpunt("KP-FO-01", "RESOLVED")
                .threshold("KP-FO-01", "recovery-time", "<=", 2, "s").verdicts();

        assertThat(RunComparator.compare(before, after, 0.5).drift()).singleElement()
                .extracting(Drift::direction).isEqualTo(Direction.WEAKENED);
    }

    @Test
    void changed_check_code_is_drift() {
        RunVerdicts after = healthy().code("sha256:ffff").verdicts();

        RunComparison comparison = RunComparator.compare(healthy().verdicts(), after, 0.5);

        assertThat(comparison.drift()).singleElement().satisfies(drift -> {
            assertThat(drift.kind()).isEqualTo(Drift.Kind.CHECK_CODE);
            assertThat(drift.describe()).contains("changed its code (sha256:0000 → sha256:ffff)");
        });
    }

    @Test
    void a_measurement_that_doubled_within_its_threshold_moved() {
        RunVerdicts slower = RunDocument.run("2026.12", "20261201T100000Z-0004")
                .knelpunt("KP-NET-01", "RESOLVED").measurement("lookup-time-p99", 4.5, "ms", "<=", 100)
                .threshold("KP-NET-01", "lookup-time-p99", "<=", 100, "ms").verdicts();

        RunComparison comparison = RunComparator.compare(healthy().verdicts(), slower, 0.5);

        assertThat(comparison.moves()).singleElement().satisfies(move -> {
            assertThat(move.name()).isEqualTo("lookup-time-p99");
            assertThat(move.changeRatio()).isEqualTo(1.25);
            assertThat(move.worse()).isTrue();
            assertThat(move.passedAfter()).isTrue();
        });
        assertThat(ComparisonText.render(comparison))
                .contains("KP-NET-01  " + RunDocument.CHECK + " lookup-time-p99: 2 → 4.5 ms (+125 %, worse); criterion <= 100 ms, still met");
        assertThat(RunComparator.compare(healthy().verdicts(), slower, 2.0).moves()).isEmpty();
    }

    @Test
    void a_knelpunt_checked_only_in_the_second_run_is_newly_covered() {
        RunVerdicts wider = healthy().knelpunt("KP-FO-01", "RESOLVED").verdicts();
        RunVerdicts before = RunDocument.run("r1", "20261101T100000Z-0001").knelpunt("KP-FO-01", "NOT_COVERED").verdicts();

        RunComparison comparison = RunComparator.compare(before, wider, 0.5);

        assertThat(change(comparison, "KP-FO-01").change()).isEqualTo(Change.NEWLY_COVERED);
        assertThat(comparison.exitCode()).isZero();
    }

    @Test
    void a_knelpunt_that_could_not_be_measured_is_not_a_regression() {
        RunVerdicts broken = RunDocument.run("r2", "20261201T100000Z-0002").knelpunt("KP-STO-02", "INCONCLUSIVE").verdicts();

        RunComparison comparison = RunComparator.compare(healthy().verdicts(), broken, 0.5);

        assertThat(change(comparison, "KP-STO-02").change()).isEqualTo(Change.NOW_INCONCLUSIVE);
        assertThat(comparison.exitCode()).isZero();
    }
}
