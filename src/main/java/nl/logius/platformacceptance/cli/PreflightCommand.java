package nl.logius.platformacceptance.cli;

import nl.logius.platformacceptance.input.BadInputException;
import nl.logius.platformacceptance.platform.Capability;
import nl.logius.platformacceptance.platform.Platform;
import nl.logius.platformacceptance.platform.PlatformDrivers;
import nl.logius.platformacceptance.run.CheckNeeds;
import nl.logius.platformacceptance.run.Runner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code preflight --target T}: what the checks need of the target, present or not, each with the checks that need
 * it; runs no check. On a cluster: the API server and its version, every right the driver uses (access reviews),
 * zones, storage classes, enforced NetworkPolicies and an admitted Ingress or Route (with a probe pair of its own,
 * removed after), and the probe image by digest. Exit 0 all present, 3 some missing or not verifiable, 2 bad input.
 */
@Command(name = "preflight", mixinStandardHelpOptions = true,
        description = {"Reports each capability the checks need of the target (API server, rights, zones, storage classes,"
                + " network policies, ingress, probe image), present or not, with the checks that need it; runs no check.",
                "Exit 0 all present, 3 some missing or not verifiable (those checks would be skipped, their knelpunten"
                        + " INCONCLUSIVE), 2 bad input."})
final class PreflightCommand implements Callable<Integer> {

    @Mixin
    InputOptions input;

    @Override
    public Integer call() {
        if (input.target == null) {
            throw BadInputException.argument("preflight", "no --target; expected --target FILE, the profile of the platform to look at");
        }
        Runner.Plan plan = Runner.plan(input.runOptions());
        CheckNeeds needs = CheckNeeds.of(plan.catalog().checks());
        System.out.println("preflight of " + plan.target().name() + " (" + plan.target().kind().id() + ", "
                + plan.target().source() + "): what the " + plan.catalog().checks().size() + " checks need; runs no check");
        List<Capability> found;
        try (Platform platform = PlatformDrivers.forTarget(plan.target(), List.of())) {
            found = platform.capabilities();
        }
        System.out.println(render(found, needs));
        long lacking = found.stream().filter(capability -> !capability.isPresent()).count();
        System.out.println(lacking == 0 ? "All " + found.size() + " capabilities present."
                : lacking + " of " + found.size() + " capabilities missing or not verifiable: the checks that need them would"
                + " be skipped, their knelpunten INCONCLUSIVE.");
        return lacking == 0 ? PlatformAcceptance.EXIT_OK : PlatformAcceptance.EXIT_INCONCLUSIVE;
    }

    static String render(List<Capability> capabilities, CheckNeeds needs) {
        StringBuilder table = new StringBuilder();
        for (Capability capability : capabilities) {
            List<String> checks = needs.checksNeeding(capability);
            table.append(String.format("%-10s %s%n", capability.status(), capability.name()));
            table.append("           ").append(capability.detail()).append(System.lineSeparator());
            table.append("           needed by ").append(capability.neededFor().contains(Capability.Operation.EVERY_CHECK)
                    ? "every check" : checks.isEmpty() ? "no check of this harness (" + capability.neededFor() + ")"
                    : checks.size() + " check(s): " + String.join(", ", checks)).append(System.lineSeparator());
        }
        return table.toString();
    }
}
