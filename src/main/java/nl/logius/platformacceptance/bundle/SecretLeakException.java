package nl.logius.platformacceptance.bundle;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A run wrote a secret into its folder: a defect of the harness that must stop the pipeline. The folder is
 * marked {@value SecretScan#LEAK_MARKER} and left unsealed; the CLI exits 3 with this message.
 */
public final class SecretLeakException extends RuntimeException {

    private final transient Path folder;
    private final List<SecretScan.Finding> findings;

    public SecretLeakException(Path folder, List<SecretScan.Finding> findings) {
        super("SECRET LEAK: " + findings.size() + " occurrence(s) of target secrets in " + folder + "; the folder is NOT sealed"
                + " and must not be shared (see its " + SecretScan.LEAK_MARKER + " file):\n"
                + findings.stream().map(f -> "  " + f).collect(Collectors.joining("\n")));
        this.folder = folder;
        this.findings = List.copyOf(findings);
    }

    public Path folder() {
        return folder;
    }

    public List<SecretScan.Finding> findings() {
        return findings;
    }
}
