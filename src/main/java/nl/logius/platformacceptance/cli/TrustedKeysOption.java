package nl.logius.platformacceptance.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --trusted-keys FILE}, shared by the commands that check or show who sealed a run folder. */
final class TrustedKeysOption {

    @Option(names = "--trusted-keys", paramLabel = "FILE", description = "the operators' public keys an auditor trusts, by name"
            + " (YAML: keys: [{name: ..., publicKey: FILE}], paths relative to FILE)")
    Path file;
}
