package nl.logius.platformacceptance.cli;

import nl.logius.platformacceptance.bundle.BundleVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code verify RUN_DIR}: checks a sealed run folder offline; exit 0 intact, 1 tampered, 2 bad input. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Checks a sealed run or calibration folder offline: the Ed25519 signature of its statement, and every"
                + " file's SHA-256 and size against its manifest. Names each file that changed, is missing or was added.",
                "Exit 0 intact, 1 tampered, 2 bad input. The format, and how to check it with sha256sum and openssl alone,"
                        + " is in docs/evidence-bundle.md."})
final class VerifyCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "the run folder, e.g. reports/<release>/<run-id>")
    Path folder;

    @Option(names = "--public-key", paramLabel = "FILE", description = "the operator's Ed25519 public key (PEM): proves who"
            + " sealed the folder; default: the key stored in the folder, which proves only integrity")
    Path publicKey;

    @Override
    public Integer call() {
        BundleVerifier.Report report = BundleVerifier.verify(folder, Optional.ofNullable(publicKey));
        if (report.outcome() == BundleVerifier.Outcome.BAD_INPUT) {
            System.err.println(report.badInput());
            return PlatformAcceptance.EXIT_BAD_INPUT;
        }
        System.out.println("verify " + folder);
        report.notes().forEach(note -> System.out.println("  " + note));
        if (report.outcome() == BundleVerifier.Outcome.INTACT) {
            System.out.println("INTACT: the signature verifies and every file matches the manifest");
        } else {
            System.out.println("TAMPERED: " + report.problems().size() + " file(s) differ from the seal");
            report.problems().forEach(problem -> System.out.println("  " + problem));
        }
        return report.exitCode();
    }
}
