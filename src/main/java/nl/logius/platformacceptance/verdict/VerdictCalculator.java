package nl.logius.platformacceptance.verdict;

import nl.logius.platformacceptance.register.Knelpunt;
import nl.logius.platformacceptance.register.Register;

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
            verdicts.add(new KnelpuntVerdict(knelpunt.id(), knelpunt.area(), knelpunt.title(), knelpunt.criterion(),
                    verdict, verdict, reason, isSelected, checks, null, replay.apply(knelpunt.id())));
        }
        return verdicts;
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
