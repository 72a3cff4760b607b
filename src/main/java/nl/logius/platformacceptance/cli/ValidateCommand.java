package nl.logius.platformacceptance.cli;

import nl.logius.platformacceptance.run.Runner;
import nl.logius.platformacceptance.waiver.Waiver;
import nl.logius.platformacceptance.waiver.Waivers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;

/** {@code validate}: loads the register, the target and the checks strictly; exit 0 or 2. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validates the register, a target profile, the waivers and the checks' @Verifies; touches no platform.")
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    InputOptions input;

    @Override
    public Integer call() {
        Runner.Plan plan = Runner.plan(input.runOptions());
        Waivers waivers = plan.waivers();
        System.out.println("valid: register " + plan.register().source() + " (" + plan.register().knelpunten().size()
                + " knelpunten), target " + plan.target().source() + " (" + plan.target().name() + "), "
                + plan.catalog().checks().size() + " checks, "
                + (waivers.source() == null ? "no waivers file" : "waivers " + waivers.source() + " (" + waivers.waivers().size() + ")"));
        // An expired waiver is valid input: a run reports it and does not count it. Say so before anyone relies on it.
        for (Waiver expired : waivers.expiredOn(LocalDate.now(ZoneOffset.UTC))) {
            System.out.println("note: " + expired.where() + ": the waiver for " + expired.knelpunt() + " expired on "
                    + expired.expires() + " and no longer counts");
        }
        return PlatformAcceptance.EXIT_OK;
    }
}
