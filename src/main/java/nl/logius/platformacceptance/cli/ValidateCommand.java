package nl.logius.platformacceptance.cli;

import nl.logius.platformacceptance.run.RunOptions;
import nl.logius.platformacceptance.run.Runner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code validate}: loads the register, the target and the checks strictly; exit 0 or 2. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validates the register, a target profile and the checks' @Verifies; touches no platform.")
final class ValidateCommand implements Callable<Integer> {

    @Mixin
    InputOptions input;

    @Override
    public Integer call() {
        Runner.Plan plan = Runner.plan(RunOptions.defaults().withRegister(input.registerFile()).withTarget(input.target));
        System.out.println("valid: register " + plan.register().source() + " (" + plan.register().knelpunten().size()
                + " knelpunten), target " + plan.target().source() + " (" + plan.target().name() + "), "
                + plan.catalog().checks().size() + " checks");
        return PlatformAcceptance.EXIT_OK;
    }
}
