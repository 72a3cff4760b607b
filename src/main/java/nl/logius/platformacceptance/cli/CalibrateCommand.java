package nl.logius.platformacceptance.cli;

import nl.logius.platformacceptance.calibration.Calibrator;
import nl.logius.platformacceptance.run.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code calibrate}: each check healthy and with its knelpunt injected, on the local platform; exit 0 all detected. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Proves on the local reference platform that each check passes healthy and fails with its knelpunt"
                + " injected: one healthy run of every check, then one injected run per knelpunt in parallel.",
                "Writes a sealed folder reports/calibration/<run-id>/ with calibration.json. Exit 0 when every check"
                        + " detected its injection, 1 otherwise, 2 bad input."})
final class CalibrateCommand implements Callable<Integer> {

    @Mixin
    InputOptions input;

    @Mixin
    SigningKeyOption signingKey;

    @Mixin
    OperatorOption operator;

    @Option(names = "--knelpunt", split = ",", paramLabel = "ID", description = "only these knelpunten (default: every one that has a check)")
    List<String> knelpunten = List.of();

    @Option(names = "--release", paramLabel = "R", description = "the release label of the sub-runs (default: the target's)")
    String release;

    @Option(names = "--out", paramLabel = "DIR", description = "put the calibration under DIR/calibration/<run-id>/ (default: reports/)")
    Path out;

    @Option(names = "--parallel", paramLabel = "N", description = "injected runs at a time (default: ${DEFAULT-VALUE})")
    int parallel = Calibrator.DEFAULT_PARALLELISM;

    @Override
    public Integer call() {
        RunOptions options = input.runOptions()
                .withRelease(release)
                .withKnelpunten(knelpunten)
                .withOperator(operator.name);
        if (out != null) {
            options = options.withOutputRoot(out);
        }
        return new Calibrator(System.out, signingKey.resolve(), parallel, PlatformAcceptance.class.getName())
                .calibrate(options).exitCode();
    }
}
