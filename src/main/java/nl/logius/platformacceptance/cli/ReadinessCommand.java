package nl.logius.platformacceptance.cli;

import nl.logius.platformacceptance.input.BadInputException;
import nl.logius.platformacceptance.register.Register;
import nl.logius.platformacceptance.register.RegisterLoader;
import nl.logius.platformacceptance.verdict.KnelpuntStanding;
import nl.logius.platformacceptance.verdict.ReadinessText;
import nl.logius.platformacceptance.verdict.ReleaseReadiness;
import nl.logius.platformacceptance.verdict.Scope;
import nl.logius.platformacceptance.tracking.ReadinessTracker;
import nl.logius.platformacceptance.verdict.ServiceReadiness;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code readiness --service NAME --release R [--target T] [--reports DIR]}: may this service migrate on this release
 * of this target? A gate for pipelines, on the verdicts the overview shows (per knelpunt the newest run of the release
 * on the target that checked it): exit 0 may migrate, 1 blocked, 3 not verified, 2 bad input (an unknown service
 * lists the known ones, an unknown release those found).
 */
@Command(name = "readiness", mixinStandardHelpOptions = true,
        description = "Says whether a service may migrate on a release of a target, and what blocks it: exit 0 may migrate "
                + "(every knelpunt that blocks it RESOLVED or validly waived), 1 blocked (one FAILING), 3 not verified "
                + "(none failing, one INCONCLUSIVE or NOT_COVERED), 2 bad input.")
final class ReadinessCommand implements Callable<Integer> {

    private static final int REASON_CHARACTERS = 200;

    @Option(names = "--service", required = true, paramLabel = "NAME", description = "a service the register names, e.g. DigiD")
    String service;

    @Mixin
    ReleaseOptions chosen;

    @Override
    public Integer call() {
        ReleaseChoice.checkLabel(chosen.release);
        Register register = RegisterLoader.loadDefault();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Path root = ReleaseChoice.rootOf(chosen.reports);
        // The services runs name count too, but an unknown service is refused even where there are no runs yet.
        ReadinessTracker tracker = Files.isDirectory(root) ? ReleaseChoice.track(root, register, today) : null;
        checkService(register, tracker);
        ReleaseChoice choice = ReleaseChoice.choose(ReleaseChoice.existingRoot(chosen.reports), tracker, chosen.release,
                chosen.target, register);
        ServiceReadiness readiness = choice.readiness().service(service).orElseThrow();
        print(System.out, choice, readiness);
        return readiness.state().exitCode();
    }

    private void checkService(Register register, ReadinessTracker tracker) {
        Set<String> known = new LinkedHashSet<>(register.services());
        if (tracker != null) {
            known.addAll(tracker.services());
        }
        if (service.isBlank()) {
            throw BadInputException.argument("--service", "empty; expected one of the services: " + String.join(", ", known));
        }
        if (!known.contains(service)) {
            String hint = known.stream().filter(s -> s.equalsIgnoreCase(service)).findFirst()
                    .map(s -> " (did you mean " + s + "?)").orElse("");
            throw BadInputException.argument("--service " + service, "unknown service" + hint
                    + "; expected one of the services the register names: " + String.join(", ", known));
        }
    }

    private static void print(PrintStream out, ReleaseChoice choice, ServiceReadiness service) {
        ReleaseReadiness release = choice.readiness();
        out.println(service.service() + " on " + release.describe() + ": " + ReadinessText.label(service.state())
                + " (" + service.summary() + ")");
        out.println("  " + ReadinessText.history(service));
        if (choice.tracker() != null && choice.tracker().isReferencePlatform(release.target())) {
            out.println("  Scope: " + Scope.REFERENCE_PLATFORM + "; this says " + service.service()
                    + " would be unblocked on a platform behaving as this one, not that it may migrate on the LPC");
        }
        section(out, choice.root(), "Blocked by", service.blockers());
        section(out, choice.root(), "Not verified", service.notVerified());
        if (!service.waived().isEmpty()) {
            out.println("  Waived (" + service.waived().size() + "), each by a waiver that counts on " + release.waiversJudgedOn() + ":");
            service.waived().forEach(k -> out.println("    " + ReadinessText.waiver(k)));
        }
        out.println("  Verdicts: per knelpunt the newest run of " + release.describe() + " that checked it ("
                + release.runs().size() + " run(s) under " + choice.root() + "); runs on other targets do not count.");
        out.println("Exit " + service.state().exitCode() + ": " + service.service() + " " + service.state().words() + " on "
                + release.describe() + ".");
    }

    private static void section(PrintStream out, Path root, String title, List<KnelpuntStanding> knelpunten) {
        if (knelpunten.isEmpty()) {
            return;
        }
        out.println("  " + title + " (" + knelpunten.size() + "):");
        for (KnelpuntStanding k : knelpunten) {
            out.printf(Locale.ROOT, "    %-34s %s%n", ReadinessText.verdict(k) + (k.impact() == null ? "" : ", " + k.impact().id()),
                    k.title());
            out.println("      " + ReadinessText.abbreviate(k.reason(), REASON_CHARACTERS));
            out.println("      evidence: " + root.resolve(k.evidence()) + " (run " + k.runId() + ")");
        }
    }
}
