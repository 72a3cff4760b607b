package nl.logius.platformacceptance.cli;

import nl.logius.platformacceptance.runfolder.HarnessInfo;
import nl.logius.platformacceptance.run.RunOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options that name the input files, shared by the commands that read them. */
final class InputOptions {

    @Option(names = "--register", paramLabel = "FILE", description = "the register of knelpunten (default: suites/knelpunten.yaml)")
    Path register;

    @Option(names = "--target", paramLabel = "FILE", description = "the target profile (default: the embedded local reference platform)")
    Path target;

    @Option(names = "--waivers", paramLabel = "FILE", description = "the waivers (default: suites/waivers.yaml when it exists)")
    Path waivers;

    Path registerFile() {
        return register != null ? register : HarnessInfo.projectHome().resolve("suites/knelpunten.yaml");
    }

    /** The defaults with these input files. */
    RunOptions runOptions() {
        return RunOptions.defaults().withRegister(registerFile()).withTarget(target).withWaivers(waivers);
    }
}
