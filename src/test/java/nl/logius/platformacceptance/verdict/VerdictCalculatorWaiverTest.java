package nl.logius.platformacceptance.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import nl.logius.platformacceptance.register.Register;
import nl.logius.platformacceptance.register.RegisterLoader;
import nl.logius.platformacceptance.waiver.Waiver;
import nl.logius.platformacceptance.waiver.Waivers;
import org.junit.jupiter.api.Test;

class VerdictCalculatorWaiverTest {

    private static final Register REGISTER = RegisterLoader.load(Path.of("suites/knelpunten.yaml"));
    private static final String CHECK = "DataIntegrityCheck.data_reads_back_exactly_as_written";
    private static final LocalDate RUN_DAY = LocalDate.parse("2026-11-29");

    private static List<KnelpuntVerdict> compute(CheckStatus status, Waiver... waivers) {
        CheckOutcome outcome = new CheckOutcome(CHECK, "storage", List.of("KP-STO-02"), status, 8000, List.of(),
                status == CheckStatus.PASSED ? "" : "KP-STO-02 mismatches 3 > 0", List.of());
        return VerdictCalculator.compute(REGISTER, id -> id.equals("KP-STO-02") ? List.of(CHECK) : List.of(),
                k -> k.id().equals("KP-STO-02"), List.of(outcome), id -> "replay " + id,
                new Waivers(Path.of("waivers.yaml"), List.of(waivers)), "2026.11", RUN_DAY);
    }

    private static KnelpuntVerdict sto02(List<KnelpuntVerdict> verdicts) {
        return verdicts.stream().filter(v -> v.id().equals("KP-STO-02")).findFirst().orElseThrow();
    }

    private static Waiver waiver(String expires, String release) {
        return new Waiver("KP-STO-02", "fix planned in 2026.12", "platform owner", LocalDate.parse(expires), release, "waivers.yaml:2:5");
    }

    @Test
    void a_valid_waiver_turns_failing_into_waived_keeps_the_measured_verdict_and_does_not_fail_the_run() {
        List<KnelpuntVerdict> verdicts = compute(CheckStatus.FAILED, waiver("2026-11-29", null));

        KnelpuntVerdict waived = sto02(verdicts);
        assertThat(waived.verdict()).isEqualTo(Verdict.WAIVED);
        assertThat(waived.measuredVerdict()).isEqualTo(Verdict.FAILING);
        assertThat(waived.reason()).startsWith("waived until 2026-11-29 by platform owner: fix planned in 2026.12")
                .contains("measured FAILING: KP-STO-02 mismatches 3 > 0");
        assertThat(waived.waiver()).isEqualTo(new KnelpuntVerdict.WaiverView("fix planned in 2026.12", "platform owner",
                "2026-11-29", null, false));
        assertThat(waived.checks()).hasSize(1);
        assertThat(RunVerdicts.exitCode(verdicts, false)).isZero();
    }

    @Test
    void an_expired_waiver_is_reported_and_does_not_turn_failing_into_waived() {
        List<KnelpuntVerdict> verdicts = compute(CheckStatus.FAILED, waiver("2026-11-28", null));

        KnelpuntVerdict failing = sto02(verdicts);
        assertThat(failing.verdict()).isEqualTo(Verdict.FAILING);
        assertThat(failing.waiver().expired()).isTrue();
        assertThat(failing.reason()).isEqualTo("KP-STO-02 mismatches 3 > 0 — the waiver (approved by platform owner) "
                + "expired on 2026-11-28 and no longer counts");
        assertThat(RunVerdicts.exitCode(verdicts, false)).isEqualTo(1);
    }

    @Test
    void a_waiver_covers_an_inconclusive_knelpunt_too() {
        assertThat(sto02(compute(CheckStatus.BROKEN, waiver("2026-12-31", null))).verdict()).isEqualTo(Verdict.WAIVED);
    }

    @Test
    void a_waiver_for_another_release_does_not_apply() {
        KnelpuntVerdict failing = sto02(compute(CheckStatus.FAILED, waiver("2026-12-31", "2026.10")));

        assertThat(failing.verdict()).isEqualTo(Verdict.FAILING);
        assertThat(failing.waiver()).isNull();
    }

    @Test
    void a_resolved_knelpunt_stays_resolved_and_shows_its_waiver() {
        KnelpuntVerdict resolved = sto02(compute(CheckStatus.PASSED, waiver("2026-12-31", null)));

        assertThat(resolved.verdict()).isEqualTo(Verdict.RESOLVED);
        assertThat(resolved.waiver()).isNotNull();
    }
}
