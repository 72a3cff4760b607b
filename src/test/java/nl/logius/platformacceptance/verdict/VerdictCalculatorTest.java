package nl.logius.platformacceptance.verdict;

import nl.logius.platformacceptance.register.Comparison;
import nl.logius.platformacceptance.register.Impact;
import nl.logius.platformacceptance.register.Knelpunt;
import nl.logius.platformacceptance.register.Register;
import nl.logius.platformacceptance.register.Threshold;
import nl.logius.platformacceptance.register.Unit;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictCalculatorTest {

    private static final Register REGISTER = new Register(Path.of("test.yaml"), List.of(
            knelpunt("KP-FO-01", "failover"), knelpunt("KP-FO-02", "failover"), knelpunt("KP-NET-01", "networking")));

    @Test
    void every_check_passed_is_resolved() {
        assertThat(verdictOf(outcome("KP-FO-01", CheckStatus.PASSED))).isEqualTo(Verdict.RESOLVED);
    }

    @Test
    void one_failed_check_makes_the_knelpunt_failing_even_beside_a_broken_one() {
        assertThat(verdictOf(outcome("KP-FO-01", CheckStatus.FAILED), outcome("KP-FO-01", CheckStatus.BROKEN)))
                .isEqualTo(Verdict.FAILING);
    }

    @Test
    void a_broken_or_skipped_check_is_inconclusive_never_resolved() {
        assertThat(verdictOf(outcome("KP-FO-01", CheckStatus.PASSED), outcome("KP-FO-01", CheckStatus.BROKEN)))
                .isEqualTo(Verdict.INCONCLUSIVE);
        assertThat(verdictOf(outcome("KP-FO-01", CheckStatus.SKIPPED))).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void a_selected_knelpunt_whose_checks_reported_nothing_is_inconclusive() {
        assertThat(verdictOf()).isEqualTo(Verdict.INCONCLUSIVE);
    }

    @Test
    void knelpunten_without_checks_or_not_selected_are_not_covered_with_the_reason() {
        List<KnelpuntVerdict> verdicts = VerdictCalculator.compute(REGISTER,
                id -> id.equals("KP-FO-01") || id.equals("KP-NET-01") ? List.of("SomeCheck.m") : List.of(),
                k -> k.area().equals("failover"), List.of(outcome("KP-FO-01", CheckStatus.PASSED)), id -> "replay " + id);
        Map<String, KnelpuntVerdict> byId = new java.util.HashMap<>();
        verdicts.forEach(v -> byId.put(v.id(), v));
        assertThat(verdicts).hasSize(3);
        assertThat(byId.get("KP-FO-02").verdict()).isEqualTo(Verdict.NOT_COVERED);
        assertThat(byId.get("KP-FO-02").reason()).contains("no check");
        assertThat(byId.get("KP-NET-01").verdict()).isEqualTo(Verdict.NOT_COVERED);
        assertThat(byId.get("KP-NET-01").reason()).contains("not selected");
        assertThat(byId.get("KP-FO-01").replay()).isEqualTo("replay KP-FO-01");
    }

    @Test
    void exit_code_is_1_for_failing_3_for_inconclusive_and_0_otherwise() {
        assertThat(RunVerdicts.exitCode(List.of(verdict(Verdict.RESOLVED), verdict(Verdict.NOT_COVERED)), false)).isZero();
        assertThat(RunVerdicts.exitCode(List.of(verdict(Verdict.INCONCLUSIVE), verdict(Verdict.RESOLVED)), false)).isEqualTo(3);
        assertThat(RunVerdicts.exitCode(List.of(verdict(Verdict.INCONCLUSIVE), verdict(Verdict.FAILING)), false)).isEqualTo(1);
        assertThat(RunVerdicts.exitCode(List.of(verdict(Verdict.WAIVED)), false)).isZero();
    }

    @Test
    void require_coverage_makes_a_selected_uncovered_knelpunt_inconclusive() {
        assertThat(RunVerdicts.exitCode(List.of(verdict(Verdict.NOT_COVERED)), false)).isZero();
        assertThat(RunVerdicts.exitCode(List.of(verdict(Verdict.NOT_COVERED)), true)).isEqualTo(3);
    }

    @Test
    void require_calibration_makes_a_run_not_proven_by_a_calibration_inconclusive_unless_failing() {
        List<KnelpuntVerdict> resolved = List.of(verdict(Verdict.RESOLVED));
        Provenance.Calibration none = Provenance.Calibration.none("no calibration of this build");
        Provenance.Calibration partly = Provenance.Calibration.linked("../c", "c1", "ab", true, "k", "calibration", List.of("KP-FO-01"),
                List.of(new Provenance.Calibration.Unproven("KP-FO-02", "not calibrated")));
        Provenance.Calibration full = Provenance.Calibration.linked("../c", "c1", "ab", true, "k", "calibration", List.of("KP-FO-01"),
                List.of());

        assertThat(RunVerdicts.exitCode(resolved, false, false, none)).as("without the option: reported, not failed").isZero();
        assertThat(RunVerdicts.exitCode(resolved, false, true, none)).isEqualTo(3);
        assertThat(RunVerdicts.exitCode(resolved, false, true, partly)).isEqualTo(3);
        assertThat(RunVerdicts.exitCode(resolved, false, true, full)).isZero();
        assertThat(RunVerdicts.exitCode(List.of(verdict(Verdict.FAILING)), false, true, none)).isEqualTo(1);
        assertThat(partly.proof()).isEqualTo(Provenance.CalibrationProof.PARTLY_CALIBRATED);
        assertThat(none.describe()).isEqualTo("UNCALIBRATED: no calibration of this build");
    }

    private static Verdict verdictOf(CheckOutcome... outcomes) {
        return VerdictCalculator.compute(REGISTER, id -> List.of("SomeCheck.m"), k -> true, List.of(outcomes), id -> "")
                .stream().filter(v -> v.id().equals("KP-FO-01")).findFirst().orElseThrow().verdict();
    }

    private static CheckOutcome outcome(String knelpunt, CheckStatus status) {
        return new CheckOutcome("SomeCheck.m", "failover", List.of(knelpunt), status, 10, List.of(),
                status == CheckStatus.PASSED ? "" : "because", List.of());
    }

    private static KnelpuntVerdict verdict(Verdict verdict) {
        return new KnelpuntVerdict("KP-FO-01", "failover", "t", Impact.BLOCKER, List.of("DigiD"), "c", verdict, verdict, "r", true, List.of(), null, "");
    }

    private static Knelpunt knelpunt(String id, String area) {
        return new Knelpunt(id, area, "title " + id, "description", List.of("DigiD"), Impact.BLOCKER, "criterion", List.of(),
                List.of(new Threshold("availability", 99, Unit.PERCENT, Comparison.AT_LEAST, "")));
    }
}
