package nl.logius.platformacceptance.cli;

import nl.logius.platformacceptance.input.BadInputException;
import nl.logius.platformacceptance.register.Threshold;
import nl.logius.platformacceptance.tracking.ComparisonText;
import nl.logius.platformacceptance.tracking.RunComparator;
import nl.logius.platformacceptance.tracking.RunComparison;
import nl.logius.platformacceptance.tracking.RunHistory;
import nl.logius.platformacceptance.verdict.RunVerdicts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code compare BEFORE AFTER}: what changed per knelpunt between two run folders. Exit 1 when a knelpunt
 * regressed (RESOLVED, then FAILING) and no waiver covers it, so that a pipeline can stop on it; 0 otherwise;
 * 2 when a folder is not a finished run.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Shows per knelpunt what changed between two runs: regressions, newly resolved, still failing, "
                + "newly covered, measurements that moved, and drift of the checks' code and thresholds. "
                + "Exit 1 when something regressed.")
final class CompareCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BEFORE", description = "the earlier run folder, e.g. reports/2026.10/20261012T081500Z-3f9a")
    Path before;

    @Parameters(index = "1", paramLabel = "AFTER", description = "the later run folder")
    Path after;

    @Option(names = "--margin", paramLabel = "PERCENT", defaultValue = "50",
            description = "show measurements that moved by more than this share of their first value (default: ${DEFAULT-VALUE} %%)")
    double marginPercent;

    @Override
    public Integer call() {
        if (!(marginPercent >= 0) || Double.isInfinite(marginPercent)) {
            throw BadInputException.argument("--margin " + Threshold.formatNumber(marginPercent),
                    "not a percentage; expected 0 or more, e.g. 50");
        }
        RunVerdicts first = RunHistory.readFinished(before);
        RunVerdicts second = RunHistory.readFinished(after);
        RunComparison comparison = RunComparator.compare(first, second, marginPercent / 100);
        System.out.print(ComparisonText.render(comparison));
        return comparison.exitCode();
    }
}
