package nl.logius.platformacceptance.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import nl.logius.platformacceptance.json.Mappers;
import nl.logius.platformacceptance.runfolder.RunFolder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Seals a finished run folder, as its very last step, so that an auditor can trust it without trusting the
 * machine it came from (format: {@code docs/evidence-bundle.md}):
 * <ul>
 *   <li>{@value #MANIFEST}: every other file with its SHA-256 and size; {@value #SHA256SUMS}: the same list
 *       for {@code sha256sum -c};</li>
 *   <li>{@value #MANIFEST_SIGNATURE}: the Ed25519 signature of {@value #MANIFEST}'s bytes, detached and raw (64
 *       bytes), which {@code openssl pkeyutl -verify -rawin} checks in one command;</li>
 *   <li>{@value #ENVELOPE}: an in-toto Statement (test-result predicate) whose subjects are both manifests and
 *       the folder's result file, signed with Ed25519 in a DSSE envelope: the attestation supply-chain tools
 *       read, with the verdict and the configuration signed too;</li>
 *   <li>{@value #PUBLIC_KEY} and {@value #KEY_ID}: the public half of the signing key and its id.</li>
 * </ul>
 * These six files cannot list themselves, so the manifest excludes them by design, and so the top-level
 * {@code INCOMPLETE} marker, which the run removes only once the seal is whole; everything else in the folder,
 * at any depth, is listed. Every file is created new: sealing never overwrites anything.
 */
public final class EvidenceBundle {

    public static final String MANIFEST = "manifest.json";
    public static final String SHA256SUMS = "manifest.sha256";
    public static final String MANIFEST_SIGNATURE = "manifest.sig";
    public static final String ENVELOPE = "bundle.dsse.json";
    public static final String PUBLIC_KEY = "signing-key.pub.pem";
    public static final String KEY_ID = "signing-key.id";
    /** The seal files at the top of a sealed folder, in a fixed order; the manifest lists every other file. */
    public static final Set<String> SEAL_FILES = Collections.unmodifiableSet(new LinkedHashSet<>(
            List.of(MANIFEST, SHA256SUMS, MANIFEST_SIGNATURE, ENVELOPE, PUBLIC_KEY, KEY_ID)));

    /**
     * What the manifest does not list: the seal files, and the marker of a run that is still writing, which is
     * there while the folder is sealed and is removed right after. A run killed while sealing keeps it, so
     * that a folder never looks finished before its seal is whole.
     */
    static final Set<String> UNLISTED = Collections.unmodifiableSet(new LinkedHashSet<>(
            Stream.concat(SEAL_FILES.stream(), Stream.of(RunFolder.INCOMPLETE_MARKER)).toList()));

    private EvidenceBundle() {
    }

    /** What sealing produced, for the console and the caller. */
    public record Seal(Path folder, int files, String manifestSha256, String keyId, boolean ephemeralKey) {
    }

    /**
     * Seals {@code folder}.
     *
     * @param resultFile the folder's result file, a subject of the statement beside the manifests
     *                   ({@code verdicts.json}, or {@code calibration.json})
     */
    public static Seal seal(Path folder, String runId, String resultFile, TestResultPredicate predicate, SigningKey key) {
        for (String name : SEAL_FILES) {
            if (Files.exists(folder.resolve(name))) {
                throw new IllegalStateException(folder + " is already sealed (" + name + " exists); evidence is written once");
            }
        }
        Manifest manifest = Manifest.of(folder, runId, UNLISTED);
        byte[] manifestJson = manifest.toJson().getBytes(StandardCharsets.UTF_8);
        byte[] sums = manifest.sha256sums().getBytes(StandardCharsets.UTF_8);
        String manifestSha256 = Sha256.of(manifestJson);
        Set<String> subjects = new LinkedHashSet<>(List.of(MANIFEST, SHA256SUMS, resultFile));
        List<InTotoStatement.Subject> subjectDigests = subjects.stream().map(name -> switch (name) {
            case MANIFEST -> InTotoStatement.Subject.sha256(name, manifestSha256);
            case SHA256SUMS -> InTotoStatement.Subject.sha256(name, Sha256.of(sums));
            default -> InTotoStatement.Subject.sha256(name, requireListed(folder, manifest, name).sha256());
        }).toList();
        InTotoStatement statement = InTotoStatement.of(subjectDigests, predicate);
        DsseEnvelope envelope;
        try {
            byte[] payload = Mappers.JSON.writeValueAsBytes(statement);
            envelope = DsseEnvelope.sign(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, payload, key);
            write(folder.resolve(MANIFEST), manifestJson);
            write(folder.resolve(SHA256SUMS), sums);
            write(folder.resolve(MANIFEST_SIGNATURE), key.sign(manifestJson));
            write(folder.resolve(ENVELOPE), (Mappers.JSON.writeValueAsString(envelope) + "\n").getBytes(StandardCharsets.UTF_8));
            write(folder.resolve(PUBLIC_KEY), key.publicKeyPem().getBytes(StandardCharsets.US_ASCII));
            write(folder.resolve(KEY_ID), (key.keyId() + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the statement of " + folder, e);
        }
        return new Seal(folder, manifest.files().size(), manifestSha256, key.keyId(), key.ephemeral());
    }

    private static Manifest.Entry requireListed(Path folder, Manifest manifest, String name) {
        return manifest.files().stream().filter(e -> e.path().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException(folder + " has no " + name + " to seal"));
    }

    private static void write(Path file, byte[] content) {
        try {
            Files.write(file, content, StandardOpenOption.CREATE_NEW);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
