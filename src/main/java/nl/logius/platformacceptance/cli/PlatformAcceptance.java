package nl.logius.platformacceptance.cli;

import nl.logius.platformacceptance.bundle.SecretLeakException;
import nl.logius.platformacceptance.input.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The command line: {@code ./platform-acceptance <command>}. Exit codes are a contract with CI scripts:
 * 0 nothing selected FAILING or INCONCLUSIVE; 1 some FAILING; 2 bad input, nothing started; 3 some
 * INCONCLUSIVE (platform unreachable, checks broken) and nothing FAILING, or the harness could not complete
 * (a secret found in the run folder stops the pipeline with 3; the folder is left unsealed). {@code readiness}
 * answers for one service in the same codes: 0 may migrate, 1 blocked, 3 not verified, 2 bad input.
 */
@Command(name = "platform-acceptance", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Acceptance checks of a platform release against the register of knelpunten, with evidence.",
        subcommands = {RunCommand.class, ListCommand.class, ValidateCommand.class, CalibrateCommand.class,
                VerifyCommand.class, CompareCommand.class, ReportCommand.class, ReadinessCommand.class,
                SteeringReportCommand.class, PublishProbeCommand.class, PreflightCommand.class})
public final class PlatformAcceptance implements Runnable {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILING = 1;
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_INCONCLUSIVE = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command and returns its exit code (tests call this in-process). */
    public static int execute(String... args) {
        CommandLine commandLine = new CommandLine(new PlatformAcceptance());
        commandLine.setExecutionExceptionHandler((error, line, parseResult) -> {
            PrintWriter err = line.getErr();
            if (error instanceof BadInputException) {
                err.println(error.getMessage());
                err.flush();
                return EXIT_BAD_INPUT;
            }
            if (error instanceof SecretLeakException) {
                // a harness defect that must stop the pipeline: the folder is marked and left unsealed
                err.println(error.getMessage());
                err.flush();
                return EXIT_INCONCLUSIVE;
            }
            err.println("platform-acceptance could not complete: " + error);
            error.printStackTrace(err);
            err.flush();
            return EXIT_INCONCLUSIVE;
        });
        commandLine.setParameterExceptionHandler((error, arguments) -> {
            PrintWriter err = error.getCommandLine().getErr();
            err.println(UsageProblems.describe(error));
            err.println("Try '" + error.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            err.flush();
            return EXIT_BAD_INPUT;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "no command given");
    }
}
