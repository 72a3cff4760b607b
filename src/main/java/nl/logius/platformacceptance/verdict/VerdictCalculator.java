package nl.logius.platformacceptance.verdict;

import nl.logius.platformacceptance.register.Knelpunt;
import nl.logius.platformacceptance.register.Register;
import nl.logius.platformacceptance.waiver.Waiver;
import nl.logius.platformacceptance.waiver.Waivers;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * From check outcomes to one verdict per knelpunt of the register:
 * <ul>
 *   <li>a failed check → FAILING (a measurement did not meet the criterion);</li>
 *   <li>else a broken or skipped check, or one that passed only on a retry (flaky) → INCONCLUSIVE (the harness
 *       could not measure, or not reliably);</li>
 *   <li>else at least one check, all passed → RESOLVED;</li>
 *   <li>no check verifies it, or none was selected → NOT_COVERED, with the reason.</li>
 * </ul>
 * Then waivers: a waiver that has not expired turns FAILING or INCONCLUSIVE into WAIVED and keeps the
 * measured verdict; an expired one is shown and said to be expired, and changes nothing.
 * A passed check that recorded no measurement is treated as broken before it gets here: a check that
 * measured nothing proves nothing.
 */
public final class VerdictCalculator {

    private VerdictCalculator() {
    }

    /**
     * @param coveredBy  knelpunt id → ids of every check of the harness that verifies it (selected or not)
     * @param selected   whether the run selected a knelpunt
     * @param outcomes   the outcomes of the checks that ran
     * @param replay     knelpunt id → the command that re-runs its checks
     */
    public static List<KnelpuntVerdict> compute(Register register, Function<String, List<String>> coveredBy,
                                                Predicate<Knelpunt> selected, List<CheckOutcome> outcomes,
                                                Function<String, String> replay) {
        return compute(register, coveredBy, selected, outcomes, replay, Waivers.none(), "", LocalDate.MIN);
    }

    /**
     * @param waivers the waivers of the run
     * @param release the release under test: a waiver for another release does not apply
     * @param day     the run's day (UTC): a waiver that expired before it does not count
     */
    public static List<KnelpuntVerdict> compute(Register register, Function<String, List<String>> coveredBy,
                                                Predicate<Knelpunt> selected, List<CheckOutcome> outcomes,
                                                Function<String, String> replay, Waivers waivers, String release,
                                                LocalDate day) {
        List<KnelpuntVerdict> verdicts = new ArrayList<>();
        for (Knelpunt knelpunt : register.knelpunten()) {
            List<CheckOutcome> checks = outcomes.stream().filter(o -> o.knelpunten().contains(knelpunt.id())).toList();
            List<String> coveringChecks = coveredBy.apply(knelpunt.id());
            boolean isSelected = selected.test(knelpunt);
            Verdict verdict;
            String reason;
            if (coveringChecks.isEmpty()) {
                verdict = Verdict.NOT_COVERED;
                reason = "no check of the harness verifies it yet";
            } else if (!isSelected) {
                verdict = Verdict.NOT_COVERED;
                reason = "not selected in this run (" + coveringChecks.size() + " check(s) exist)";
            } else if (checks.isEmpty()) {
                verdict = Verdict.INCONCLUSIVE;
                reason = "selected, but none of its checks reported a result";
            } else {
                verdict = verdictOf(checks);
                reason = reasonFor(verdict, checks);
            }
            KnelpuntVerdict measured = new KnelpuntVerdict(knelpunt.id(), knelpunt.area(), knelpunt.title(), knelpunt.impact(),
                    knelpunt.blocks(), knelpunt.criterionInForce(), verdict, verdict, reason, isSelected, checks, null,
                    replay.apply(knelpunt.id()));
            verdicts.add(waivers.find(knelpunt.id(), release).map(w -> waive(measured, w, day)).orElse(measured));
        }
        return verdicts;
    }

    /** A waiver is always shown; it changes the verdict only while it counts and only for FAILING or INCONCLUSIVE. */
    static KnelpuntVerdict waive(KnelpuntVerdict measured, Waiver waiver, LocalDate day) {
        boolean expired = waiver.expiredOn(day);
        KnelpuntVerdict.WaiverView view = new KnelpuntVerdict.WaiverView(waiver.reason(), waiver.approver(),
                waiver.expires().toString(), waiver.release(), expired);
        Verdict verdict = measured.measuredVerdict();
        boolean waivable = verdict == Verdict.FAILING || verdict == Verdict.INCONCLUSIVE;
        String reason = measured.reason();
        if (waivable && expired) {
            reason += " — the waiver (approved by " + waiver.approver() + ") expired on " + waiver.expires()
                    + " and no longer counts";
        } else if (waivable) {
            verdict = Verdict.WAIVED;
            reason = "waived until " + waiver.expires() + " by " + waiver.approver() + ": " + waiver.reason()
                    + " (measured " + measured.measuredVerdict() + ": " + measured.reason() + ")";
        }
        return new KnelpuntVerdict(measured.id(), measured.area(), measured.title(), measured.impact(), measured.blocks(),
                measured.criterion(), verdict, measured.measuredVerdict(), reason, measured.selected(), measured.checks(), view,
                measured.replay());
    }

    static Verdict verdictOf(List<CheckOutcome> checks) {
        if (checks.stream().anyMatch(c -> c.status() == CheckStatus.FAILED)) {
            return Verdict.FAILING;
        }
        if (checks.stream().anyMatch(c -> c.status() != CheckStatus.PASSED || c.flaky())) {
            return Verdict.INCONCLUSIVE;
        }
        return Verdict.RESOLVED;
    }

    private static String reasonFor(Verdict verdict, List<CheckOutcome> checks) {
        return switch (verdict) {
            case RESOLVED -> "all " + checks.size() + " check(s) passed";
            case FAILING -> checks.stream().filter(c -> c.status() == CheckStatus.FAILED)
                    .map(CheckOutcome::message).findFirst().orElse("a check failed");
            default -> checks.stream().filter(c -> c.status() != CheckStatus.PASSED || c.flaky())
                    .map(c -> (c.flaky() ? "flaky" : c.status().id()) + ": " + c.message()).findFirst()
                    .orElse("a check did not pass");
        };
    }
}
