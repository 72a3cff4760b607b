package nl.logius.platformacceptance.cli;

import picocli.CommandLine.Option;

/** {@code --operator NAME}, shared by the commands that write evidence: who answers for it. */
final class OperatorOption {

    @Option(names = "--operator", paramLabel = "NAME", description = "who answers for this run, recorded in its provenance"
            + " (default: the CI's user, GITLAB_USER_LOGIN or GITHUB_ACTOR; by hand: nobody, and the evidence says so)")
    String name;
}
