package nl.logius.platformacceptance.cli;

import nl.logius.platformacceptance.bundle.SigningKey;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code --signing-key FILE}, shared by the commands that seal a folder. */
final class SigningKeyOption {

    @Option(names = "--signing-key", paramLabel = "FILE", description = "the operator's Ed25519 private key (PKCS#8 PEM) that seals"
            + " the run folder; default: the file that " + SigningKey.KEY_FILE_VARIABLE + " names, else an ephemeral key"
            + " (proves integrity, not origin)")
    Path file;

    /** The key, read before anything starts; {@link nl.logius.platformacceptance.input.BadInputException} if unreadable. */
    SigningKey resolve() {
        return SigningKey.resolve(file, System.getenv());
    }
}
