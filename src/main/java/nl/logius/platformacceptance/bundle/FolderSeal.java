package nl.logius.platformacceptance.bundle;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The last step of a run or a calibration, after every other file is written: scan the folder for
 * secrets, then seal it. A folder with a secret in it is marked {@value SecretScan#LEAK_MARKER} and left
 * unsealed, and the caller gets the findings to stop the pipeline with.
 */
public final class FolderSeal {

    private FolderSeal() {
    }

    /** @return the findings of the secret scan; empty when the folder was sealed */
    public static List<SecretScan.Finding> scanAndSeal(Path folder, String runId, String resultFile, TestResultPredicate predicate,
                                                       SecretScan secrets, SigningKey key, PrintStream out) {
        if (!secrets.unscannable().isEmpty()) {
            out.println("secret scan: " + secrets.unscannable() + " shorter than " + SecretScan.MIN_SCANNABLE_BYTES
                    + " bytes, cannot be searched for without false alarms; use longer secrets");
        }
        long start = System.nanoTime();
        List<SecretScan.Finding> leaks = secrets.scan(folder);
        if (!leaks.isEmpty()) {
            SecretScan.markLeak(folder, leaks);
            out.println("SECRET LEAK: " + leaks.size() + " occurrence(s) of secrets in the run folder; NOT sealed (see "
                    + folder.resolve(SecretScan.LEAK_MARKER) + ")");
            return leaks;
        }
        EvidenceBundle.Seal seal = EvidenceBundle.seal(folder, runId, resultFile, predicate, key);
        out.println("Sealed: " + seal.files() + " files, manifest sha256 " + seal.manifestSha256() + ", key " + seal.keyId()
                + (seal.ephemeralKey() ? " (ephemeral: proves integrity, not origin)" : "") + "; secret scan clean (searched for "
                + String.join(", ", secrets.secretNames()) + "); scan and seal took " + (System.nanoTime() - start) / 1_000_000 + " ms");
        out.println("Verify: ./platform-acceptance verify " + folder);
        return leaks;
    }
}
