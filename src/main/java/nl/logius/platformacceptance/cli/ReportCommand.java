package nl.logius.platformacceptance.cli;

import nl.logius.platformacceptance.input.BadInputException;
import nl.logius.platformacceptance.register.RegisterLoader;
import nl.logius.platformacceptance.run.RunOptions;
import nl.logius.platformacceptance.tracking.OverviewReport;
import nl.logius.platformacceptance.bundle.TrustedKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code report}: the overview of every run folder under the output root, as index.md and index.html; with
 * {@code --trusted-keys FILE}, whether each run's seal is intact and by which trusted key.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Writes the overview of every run under reports/ (services × releases, knelpunten × releases, "
                + "status over time, every run folder) into reports/index.md and reports/index.html, and the steering-group "
                + "page of each release beside its run folders (reports/<release>/steering-<target>.html). With --trusted-keys"
                + " FILE it verifies every run's seal and shows per run who sealed it, or that no trusted key did.")
final class ReportCommand implements Callable<Integer> {

    @Mixin
    TrustedKeysOption trustedKeys;

    @Option(names = "--out", paramLabel = "DIR", description = "the output root that holds the run folders (default: reports/)")
    Path out;

    @Override
    public Integer call() {
        Path root = out != null ? out : RunOptions.defaults().outputRoot();
        if (!Files.isDirectory(root)) {
            throw BadInputException.argument(out != null ? "--out " + out : root.toString(),
                    "no such folder; expected the folder that holds the run folders (run the checks first)");
        }
        // Read before anything is written: a bad trusted-keys file is bad input, exit 2, with nothing changed.
        Optional<TrustedKeys> keys = Optional.ofNullable(trustedKeys.file).map(TrustedKeys::load);
        OverviewReport.Written written = OverviewReport.write(root, RegisterLoader.loadDefault(), Instant.now(), keys);
        System.out.println("Overview of " + written.overview().history().runs().size() + " run folder(s): "
                + written.html() + " and " + written.markdown() + "; " + written.steeringPages().size()
                + " steering-group page(s) beside the run folders (PDF: steering-report)");
        return PlatformAcceptance.EXIT_OK;
    }
}
