package nl.logius.platformacceptance.cli;

import nl.logius.platformacceptance.input.BadInputException;
import nl.logius.platformacceptance.register.RegisterLoader;
import nl.logius.platformacceptance.run.RunOptions;
import nl.logius.platformacceptance.tracking.OverviewReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code report}: the overview of every run folder under the output root, as index.md and index.html. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Writes the overview of every run under reports/ (services × releases, knelpunten × releases, "
                + "status over time, every run folder) into reports/index.md and reports/index.html, and the steering-group "
                + "page of each release beside its run folders (reports/<release>/steering-<target>.html).")
final class ReportCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "DIR", description = "the output root that holds the run folders (default: reports/)")
    Path out;

    @Override
    public Integer call() {
        Path root = out != null ? out : RunOptions.defaults().outputRoot();
        if (!Files.isDirectory(root)) {
            throw BadInputException.argument(out != null ? "--out " + out : root.toString(),
                    "no such folder; expected the folder that holds the run folders (run the checks first)");
        }
        OverviewReport.Written written = OverviewReport.write(root, RegisterLoader.loadDefault(), Instant.now());
        System.out.println("Overview of " + written.overview().history().runs().size() + " run folder(s): "
                + written.html() + " and " + written.markdown() + "; " + written.steeringPages().size()
                + " steering-group page(s) beside the run folders (PDF: steering-report)");
        return PlatformAcceptance.EXIT_OK;
    }
}
