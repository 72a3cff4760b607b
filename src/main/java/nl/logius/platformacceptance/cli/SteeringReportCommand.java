package nl.logius.platformacceptance.cli;

import nl.logius.platformacceptance.input.BadInputException;
import nl.logius.platformacceptance.register.Register;
import nl.logius.platformacceptance.register.RegisterLoader;
import nl.logius.platformacceptance.report.ChromiumPdf;
import nl.logius.platformacceptance.tracking.OverviewReport;
import nl.logius.platformacceptance.tracking.SteeringPage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code steering-report --release R [--target T] [--reports DIR]}: the steering-group page of a release of a target,
 * as HTML and as PDF (headless Chromium's print to PDF), beside the release's run folders. Exit 0 when both are written,
 * 3 when the PDF could not be made (the HTML is there), 2 bad input.
 */
@Command(name = "steering-report", mixinStandardHelpOptions = true,
        description = "Writes the steering-group page of a release of a target (services and their readiness, blockers with "
                + "links to their evidence, what was resolved and what regressed since the previous release, knelpunten over "
                + "the releases) as reports/<release>/steering-<target>.html and .pdf (printed by headless Chromium).")
final class SteeringReportCommand implements Callable<Integer> {

    @Mixin
    ReleaseOptions chosen;

    @Override
    public Integer call() {
        ReleaseChoice.checkLabel(chosen.release);
        Register register = RegisterLoader.loadDefault();
        Instant now = Instant.now();
        Path root = ReleaseChoice.existingRoot(chosen.reports);
        ReleaseChoice choice = ReleaseChoice.choose(root, ReleaseChoice.track(root, register, LocalDate.ofInstant(now, ZoneOffset.UTC)),
                chosen.release, chosen.target, register);
        String chosenTarget = choice.readiness().target();
        if (!SteeringPage.writable(chosen.release, chosenTarget)) {
            throw BadInputException.argument("--target " + chosenTarget, "the runs' target name cannot name a file; expected "
                    + "a target whose name is letters, digits, '.', '_' and '-' (as a target profile's name always is)");
        }
        Path html = OverviewReport.writeSteeringPage(root, choice.tracker(), chosenTarget, chosen.release, now);
        System.out.println("Steering-group page of " + choice.readiness().describe() + ": " + html);
        Path pdf = html.resolveSibling(html.getFileName().toString().replaceFirst("\\.html$", ".pdf"));
        StringBuilder problems = new StringBuilder();
        Optional<Path> printed = ChromiumPdf.print(html, pdf, problems);
        if (printed.isEmpty()) {
            System.out.println("No PDF: " + problems);
            return PlatformAcceptance.EXIT_INCONCLUSIVE;
        }
        System.out.println("PDF: " + printed.get());
        return PlatformAcceptance.EXIT_OK;
    }
}
