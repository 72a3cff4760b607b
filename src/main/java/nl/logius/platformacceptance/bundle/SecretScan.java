package nl.logius.platformacceptance.bundle;

import nl.logius.platformacceptance.target.Secret;
import nl.logius.platformacceptance.target.SecretRef;
import nl.logius.platformacceptance.target.Target;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last line of defence against a secret in a run folder: searches every file for every secret of the
 * target profile (and the signing key) in each of its {@link SecretEncodings encodings}. A finding is a
 * defect of the harness: the run refuses to seal the folder and marks it {@value #LEAK_MARKER}. Findings
 * name the file, the secret's name and the encoding, never the value.
 *
 * <pre>{@code
 * List<SecretScan.Finding> leaks = SecretScan.of(secrets, signingKey).scan(runFolder);
 * }</pre>
 *
 * <p>The values stay in memory. A secret shorter than {@value #MIN_SCANNABLE_BYTES} bytes cannot be searched
 * for without false alarms (it occurs by chance in megabytes of base64); such secrets are reported as not
 * scanned.
 */
public final class SecretScan {

    public static final String LEAK_MARKER = "SECRET-LEAK";
    public static final int MIN_SCANNABLE_BYTES = 6;

    private final Map<String, Map<String, String>> needlesBySecret = new LinkedHashMap<>();
    private final List<String> unscannable = new ArrayList<>();

    /** A secret found in a file: which file, which secret (by name) and in which encoding. */
    public record Finding(String path, String secret, String encoding) {
        @Override
        public String toString() {
            return path + ": secret '" + secret + "' (" + encoding + ")";
        }
    }

    public static SecretScan of(List<Secret> secrets, SigningKey signingKey) {
        SecretScan scan = new SecretScan();
        secrets.forEach(secret -> scan.add(secret.name(), secret.reveal().getBytes(StandardCharsets.UTF_8)));
        if (signingKey != null) {
            scan.add("signing key (private)", signingKey.privateBytes());
        }
        return scan;
    }

    /**
     * The secrets of a target profile, resolved now (values in memory only), and the signing key. A secret
     * whose variable or file is absent is left out: what the run cannot read, it cannot leak.
     */
    public static SecretScan forTarget(Target target, SigningKey signingKey) {
        List<Secret> resolved = new ArrayList<>();
        for (SecretRef ref : target.secrets().values()) {
            try {
                resolved.add(Secret.resolve(ref));
            } catch (IllegalStateException absent) {
                // not set: nothing to search for
            }
        }
        return of(resolved, signingKey);
    }

    public SecretScan add(String name, byte[] value) {
        if (value.length < MIN_SCANNABLE_BYTES) {
            unscannable.add(name);
        } else {
            needlesBySecret.put(name, SecretEncodings.of(value));
        }
        return this;
    }

    /** The names of the secrets too short to be searched for. */
    public List<String> unscannable() {
        return List.copyOf(unscannable);
    }

    public int secretCount() {
        return needlesBySecret.size();
    }

    /** The names of the secrets searched for (names only, never values). */
    public List<String> secretNames() {
        return List.copyOf(needlesBySecret.keySet());
    }

    /** Every occurrence of a secret in a file under {@code folder}, one finding per file, secret and encoding. */
    public List<Finding> scan(Path folder) {
        List<Finding> findings = new ArrayList<>();
        if (needlesBySecret.isEmpty()) {
            return findings;
        }
        for (String path : Manifest.filesOf(folder)) {
            Path file = folder.resolve(path);
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            String content;
            try {
                content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot scan " + file + " for secrets", e);
            }
            String unwrapped = null;
            for (Map.Entry<String, Map<String, String>> secret : needlesBySecret.entrySet()) {
                for (Map.Entry<String, String> needle : secret.getValue().entrySet()) {
                    boolean found = content.contains(needle.getValue());
                    if (!found && SecretEncodings.isBase64(needle.getKey())) {
                        // base64 is often wrapped (PEM, MIME) or carries JSON-escaped line breaks
                        unwrapped = unwrapped != null ? unwrapped : content.replace("\\n", "").replace("\\r", "")
                                .replace("\n", "").replace("\r", "");
                        found = unwrapped.contains(needle.getValue());
                    }
                    if (found) {
                        findings.add(new Finding(path, secret.getKey(), needle.getKey()));
                    }
                }
            }
        }
        return findings;
    }

    /** Marks a folder that holds secrets, so that nobody passes it on; the marker names no value. */
    public static void markLeak(Path folder, List<Finding> findings) {
        StringBuilder text = new StringBuilder("This run folder contains secret values and was NOT sealed.\n"
                + "Do not share it. Rotate the secrets named below, delete this folder, and report the harness defect\n"
                + "(the harness must never write a secret; see docs/evidence-bundle.md, 'No secrets').\n\n");
        findings.forEach(finding -> text.append(finding).append('\n'));
        try {
            Files.writeString(folder.resolve(LEAK_MARKER), text, StandardOpenOption.CREATE_NEW);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark " + folder + " as holding secrets", e);
        }
    }
}
