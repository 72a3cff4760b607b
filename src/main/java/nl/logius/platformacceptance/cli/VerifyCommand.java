package nl.logius.platformacceptance.cli;

import nl.logius.platformacceptance.bundle.BundleVerifier;
import nl.logius.platformacceptance.bundle.TrustedKeys;
import nl.logius.platformacceptance.input.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code verify RUN_DIR}: checks a sealed run folder offline; exit 0 intact, 1 tampered (or, with
 * {@code --trusted-keys}, not sealed by a trusted key), 2 bad input.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Checks a sealed run or calibration folder offline: the Ed25519 signature of its statement, every"
                + " file's SHA-256 and size against its manifest, that the key named by signing-key.id, the statement and the"
                + " run's provenance is the key that sealed it, and a carried calibration against its own seal. Names each"
                + " file that changed, is missing or was added.",
                "With --trusted-keys FILE it says which trusted key sealed the folder ('sealed by NAME'), or that none did"
                        + " ('not sealed by a trusted key', exit 1); an ephemeral seal is never trusted.",
                "Exit 0 intact, 1 tampered or not trusted, 2 bad input. The format, and how to check it with sha256sum and"
                        + " openssl alone, is in docs/evidence-bundle.md."})
final class VerifyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "the run folder, e.g. reports/<release>/<run-id>")
    Path folder;

    @Option(names = "--public-key", paramLabel = "FILE", description = "one Ed25519 public key (PEM) to check the seal with;"
            + " default: the key stored in the folder, which proves only integrity")
    Path publicKey;

    @Mixin
    TrustedKeysOption trustedKeys;

    @Override
    public Integer call() {
        if (publicKey != null && trustedKeys.file != null) {
            throw BadInputException.argument("--public-key " + publicKey, "given with --trusted-keys; expected one of the two:"
                    + " --trusted-keys names the holder of the key, --public-key checks one key");
        }
        BundleVerifier.Report report = trustedKeys.file != null
                ? BundleVerifier.verify(folder, TrustedKeys.load(trustedKeys.file))
                : BundleVerifier.verify(folder, Optional.ofNullable(publicKey));
        if (report.outcome() == BundleVerifier.Outcome.BAD_INPUT) {
            System.err.println(report.badInput());
            return PlatformAcceptance.EXIT_BAD_INPUT;
        }
        System.out.println("verify " + folder);
        report.notes().forEach(note -> System.out.println("  " + note));
        switch (report.outcome()) {
            case INTACT -> System.out.println("INTACT: the signature verifies and every file matches the manifest"
                    + (report.origin().sealedBy() == null ? "" : "; sealed by " + report.origin().sealedBy()));
            case UNTRUSTED -> System.out.println("NOT TRUSTED: intact, but not sealed by a trusted key: " + report.origin().why());
            default -> {
                System.out.println("TAMPERED: " + report.problems().size() + " file(s) differ from the seal");
                report.problems().forEach(problem -> System.out.println("  " + problem));
                if (trustedKeys.file != null) {
                    System.out.println("not sealed by a trusted key: " + (report.origin().why() != null ? report.origin().why()
                            : "a folder that changed after sealing is nobody's seal"));
                }
            }
        }
        return report.exitCode();
    }
}
