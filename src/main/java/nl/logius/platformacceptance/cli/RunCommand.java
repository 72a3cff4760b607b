package nl.logius.platformacceptance.cli;

import nl.logius.platformacceptance.input.BadInputException;
import nl.logius.platformacceptance.run.RetryPolicy;
import nl.logius.platformacceptance.run.RunOptions;
import nl.logius.platformacceptance.run.Runner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code run}: runs the selected checks against a target and writes a run folder. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs the checks against a target and writes verdicts, evidence and reports into reports/<release>/<run-id>/.")
final class RunCommand implements Callable<Integer> {

    @Mixin
    InputOptions input;

    @Mixin
    SigningKeyOption signingKey;

    @Mixin
    OperatorOption operator;

    @Mixin
    TrustedKeysOption trustedKeys;

    @Option(names = "--release", paramLabel = "R", description = "the release under test (default: the target's)")
    String release;

    @Option(names = "--area", split = ",", paramLabel = "A", description = "only these areas: networking, storage, deployment, failover")
    List<String> areas = List.of();

    @Option(names = "--knelpunt", split = ",", paramLabel = "ID", description = "only these knelpunten, e.g. KP-FO-01")
    List<String> knelpunten = List.of();

    @Option(names = "--inject", split = ",", paramLabel = "ID", description = "local target only: inject the fault that reproduces these knelpunten")
    List<String> injections = List.of();

    @Option(names = "--out", paramLabel = "DIR", description = "put the run folder under DIR/<release>/<run-id>/ (default: reports/)")
    Path out;

    @Option(names = "--require-coverage", description = "a selected knelpunt without a check makes the run inconclusive (exit 3)")
    boolean requireCoverage;

    @Option(names = "--require-calibration", description = "a run whose selected knelpunten are not all proven detectable by a"
            + " calibration of the same harness build (UNCALIBRATED, PARTLY_CALIBRATED) is inconclusive (exit 3)")
    boolean requireCalibration;

    @Option(names = "--retry-broken", paramLabel = "N", defaultValue = "0",
            description = "run a check that broke (could not measure) up to N more times, 0 to " + RetryPolicy.MAX_RETRIES
                    + " (default ${DEFAULT-VALUE}); a pass on a retry is flaky and its knelpunt INCONCLUSIVE. Failed checks are never retried")
    int retryBroken;

    @Override
    public Integer call() {
        RunOptions options = input.runOptions()
                .withRelease(release)
                .withAreas(areas)
                .withKnelpunten(knelpunten)
                .withInjections(injections)
                .withRequireCoverage(requireCoverage)
                .withRequireCalibration(requireCalibration)
                .withOperator(operator.name)
                .withTrustedKeys(trustedKeys.file);
        if (out != null) {
            options = options.withOutputRoot(out);
        }
        if (retryBroken < 0 || retryBroken > RetryPolicy.MAX_RETRIES) {
            throw BadInputException.argument("--retry-broken " + retryBroken, "out of range; expected a whole number from 0 to "
                    + RetryPolicy.MAX_RETRIES);
        }
        return new Runner(System.out, signingKey.resolve()).withRetryPolicy(new RetryPolicy(retryBroken))
                .run(options).exitCode();
    }
}
