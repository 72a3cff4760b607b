package nl.logius.platformacceptance.cli;

import nl.logius.platformacceptance.check.PlatformCheckExtension;
import nl.logius.platformacceptance.register.Knelpunt;
import nl.logius.platformacceptance.run.CheckDescriptor;
import nl.logius.platformacceptance.run.Runner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** {@code list}: the plan without running anything: every knelpunt, its checks, what is not covered. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Shows every knelpunt of the register with the checks that verify it; runs nothing.")
final class ListCommand implements Callable<Integer> {

    @Mixin
    InputOptions input;

    @Override
    public Integer call() {
        Runner.Plan plan = Runner.plan(input.runOptions());
        System.out.println("Target " + plan.target().name() + " (" + plan.target().kind().id() + "), release "
                + plan.release() + ", register " + plan.register().source());
        Optional<String> noConsent = plan.target().disruptiveRefusal();
        noConsent.ifPresent(reason -> System.out.println("Disruptive checks will be SKIPPED: " + reason));
        int notCovered = 0;
        int withoutConsent = 0;
        for (String area : plan.register().areas()) {
            System.out.println();
            System.out.println(area.toUpperCase(Locale.ROOT));
            for (Knelpunt knelpunt : plan.register().inArea(area)) {
                List<CheckDescriptor> checks = plan.catalog().verifying(knelpunt.id());
                System.out.printf(Locale.ROOT, "  %-10s %-50s %s%n", knelpunt.id(), knelpunt.title(),
                        checks.isEmpty() ? "NOT COVERED" : checks.size() + " check(s)");
                System.out.printf(Locale.ROOT, "             criterion: %s%n", knelpunt.criterionInForce());
                for (CheckDescriptor check : checks) {
                    // the same rule the run applies
                    boolean skipped = noConsent.isPresent() && PlatformCheckExtension.isDisruptive(check.testClass());
                    withoutConsent += skipped ? 1 : 0;
                    System.out.printf(Locale.ROOT, "             - %s%s%s%n", check.id(),
                            check.tags().isEmpty() ? "" : " " + new TreeSet<>(check.tags()),
                            skipped ? "  SKIPPED: disruptive, no consent (knelpunt INCONCLUSIVE)" : "");
                }
                if (checks.isEmpty()) {
                    notCovered++;
                }
            }
        }
        System.out.println();
        System.out.println(plan.register().knelpunten().size() + " knelpunten, " + plan.catalog().checks().size()
                + " checks, " + notCovered + " not covered" + (withoutConsent == 0 ? ""
                : ", " + withoutConsent + " disruptive check(s) skipped for want of consent"));
        return PlatformAcceptance.EXIT_OK;
    }
}
