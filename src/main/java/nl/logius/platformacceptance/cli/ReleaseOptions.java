package nl.logius.platformacceptance.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options that choose a release of a target under the output root, shared by readiness and steering-report. */
final class ReleaseOptions {

    @Option(names = "--release", required = true, paramLabel = "R", description = "the release, as the runs were given it")
    String release;

    @Option(names = "--target", paramLabel = "T", description = "the target's name as runs record it (local), or its profile "
            + "file; needed only when the release was run on more than one target")
    String target;

    @Option(names = "--reports", paramLabel = "DIR", description = "the folder that holds the run folders (default: reports/)")
    Path reports;
}
