package nl.logius.platformacceptance.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import nl.logius.platformacceptance.json.Mappers;
import nl.logius.platformacceptance.runfolder.RunFolder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a sealed run folder offline ({@code ./platform-acceptance verify RUN_DIR}): the DSSE signature over
 * the statement, the statement's subjects, and every file against the manifest, naming each file that
 * changed, went missing or was added. With the operator's public key it proves origin too; with the key
 * stored in the folder only integrity, which the report says.
 *
 * <pre>{@code
 * BundleVerifier.Report report = BundleVerifier.verify(folder, Optional.of(operatorKey));
 * System.exit(report.exitCode());   // 0 intact, 1 tampered, 2 bad input
 * }</pre>
 */
public final class BundleVerifier {

    private BundleVerifier() {
    }

    public enum Outcome {
        INTACT(0), TAMPERED(1), BAD_INPUT(2);

        private final int exitCode;

        Outcome(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    /** A file that is not as sealed, and how. */
    public record Problem(String path, String what) {
        @Override
        public String toString() {
            return path + ": " + what;
        }
    }

    /**
     * @param notes    what was checked, for the console (the key used, the number of files)
     * @param problems every file that differs, one entry per file; empty when intact
     * @param badInput why the folder or the key could not be checked at all, or null
     */
    public record Report(Path folder, Outcome outcome, List<String> notes, List<Problem> problems, String badInput) {
        public int exitCode() {
            return outcome.exitCode();
        }
    }

    public static Report verify(Path folder, Optional<Path> publicKeyFile) {
        List<String> notes = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return badInput(folder, notes, folder + ": not a folder; expected a run folder such as reports/<release>/<run-id>");
        }
        if (Files.exists(folder.resolve(RunFolder.INCOMPLETE_MARKER), LinkOption.NOFOLLOW_LINKS)) {
            // Also when sealed: the marker goes only after the seal is whole, so a run killed while sealing keeps it.
            return badInput(folder, notes, folder + ": not a sealed run folder: the run did not finish ("
                    + RunFolder.INCOMPLETE_MARKER + " is there: it was killed, possibly while sealing, or is still running);"
                    + " expected a finished run folder");
        }
        if (EvidenceBundle.SEAL_FILES.stream().noneMatch(name -> Files.exists(folder.resolve(name), LinkOption.NOFOLLOW_LINKS))) {
            return badInput(folder, notes, folder + ": not a sealed run folder (none of " + EvidenceBundle.SEAL_FILES
                    + ")" + unsealedBecause(folder) + "; expected a folder written by ./platform-acceptance run or calibrate");
        }
        PublicKey givenKey = null;
        if (publicKeyFile.isPresent()) {
            try {
                givenKey = Ed25519.publicKeyFromPem(Files.readString(publicKeyFile.get(), StandardCharsets.US_ASCII));
            } catch (IOException | GeneralSecurityException e) {
                return badInput(folder, notes, "--public-key " + publicKeyFile.get() + ": not a readable Ed25519 public key ("
                        + e.getMessage() + "); expected a PEM 'PUBLIC KEY' (openssl pkey -in KEY -pubout)");
            }
        }

        Map<String, String> problems = new LinkedHashMap<>();
        PublicKey key = givenKey != null ? givenKey : folderKey(folder, problems);
        if (givenKey != null) {
            notes.add("key: " + publicKeyFile.get() + " (id " + Ed25519.keyId(givenKey) + "): a valid signature proves"
                    + " the folder was sealed by the holder of this key and is unchanged since");
        } else if (key != null) {
            notes.add("key: " + EvidenceBundle.PUBLIC_KEY + " stored in the folder (id " + Ed25519.keyId(key) + "): this proves"
                    + " only integrity (nothing changed since sealing), not origin; give --public-key FILE with the operator's key to prove who sealed it");
        }
        checkKeyId(folder, key, givenKey != null, envelopeKeyIds(folder), problems);

        JsonNode statement = problems.containsKey(EvidenceBundle.PUBLIC_KEY) ? null : signedStatement(folder, key, problems);
        if (key != null && !problems.containsKey(EvidenceBundle.PUBLIC_KEY)) {
            checkManifestSignature(folder, key, problems);
        }
        Manifest manifest = manifest(folder, problems);
        if (statement != null) {
            checkSubjects(folder, statement, problems);
        }
        if (manifest != null) {
            checkFiles(folder, manifest, problems);
            checkSha256Sums(folder, manifest, problems);
            notes.add("files: " + manifest.files().size() + " listed in " + EvidenceBundle.MANIFEST + " (run " + manifest.runId() + ")");
        }
        List<Problem> list = problems.entrySet().stream().map(e -> new Problem(e.getKey(), e.getValue())).toList();
        return new Report(folder, list.isEmpty() ? Outcome.INTACT : Outcome.TAMPERED, notes, list, null);
    }

    private static Report badInput(Path folder, List<String> notes, String why) {
        return new Report(folder, Outcome.BAD_INPUT, notes, List.of(), why);
    }

    private static String unsealedBecause(Path folder) {
        if (Files.exists(folder.resolve(SecretScan.LEAK_MARKER))) {
            return ": the run found secrets in it and refused to seal it (see " + SecretScan.LEAK_MARKER + ")";
        }
        return "";
    }

    private static PublicKey folderKey(Path folder, Map<String, String> problems) {
        Path file = folder.resolve(EvidenceBundle.PUBLIC_KEY);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            problems.put(EvidenceBundle.PUBLIC_KEY, "missing: the signature cannot be checked without a key (or give --public-key FILE)");
            return null;
        }
        try {
            return Ed25519.publicKeyFromPem(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            problems.put(EvidenceBundle.PUBLIC_KEY, "not an Ed25519 public key (" + e.getMessage() + ")");
            return null;
        }
    }

    /**
     * signing-key.id must name the folder's public key. When they differ, the envelope's key id tells which of
     * the two was changed.
     */
    private static void checkKeyId(Path folder, PublicKey key, boolean keyGiven, List<String> envelopeKeyIds,
                                   Map<String, String> problems) {
        Path file = folder.resolve(EvidenceBundle.KEY_ID);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            problems.put(EvidenceBundle.KEY_ID, "missing");
            return;
        }
        if (key == null || keyGiven) {
            return;
        }
        try {
            String stored = Files.readString(file, StandardCharsets.US_ASCII).strip();
            String actual = Ed25519.keyId(key);
            if (stored.equals(actual)) {
                return;
            }
            if (envelopeKeyIds.contains(stored)) {
                problems.put(EvidenceBundle.PUBLIC_KEY, "changed: it holds key " + actual + ", but " + EvidenceBundle.KEY_ID
                        + " and the signature name key " + stored);
            } else {
                problems.put(EvidenceBundle.KEY_ID, "says " + abbreviate(stored) + " but " + EvidenceBundle.PUBLIC_KEY + " has id " + actual);
            }
        } catch (IOException e) {
            problems.put(EvidenceBundle.KEY_ID, "unreadable (" + e.getMessage() + ")");
        }
    }

    private static List<String> envelopeKeyIds(Path folder) {
        try {
            DsseEnvelope envelope = Mappers.JSON.readValue(Files.readAllBytes(folder.resolve(EvidenceBundle.ENVELOPE)), DsseEnvelope.class);
            return envelope.signatures().stream().map(DsseEnvelope.Signature::keyid).toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** The statement, if the envelope's signature verifies with {@code key}; problems otherwise. */
    private static JsonNode signedStatement(Path folder, PublicKey key, Map<String, String> problems) {
        Path file = folder.resolve(EvidenceBundle.ENVELOPE);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            problems.put(EvidenceBundle.ENVELOPE, "missing: nothing is signed");
            return null;
        }
        DsseEnvelope envelope;
        byte[] payload;
        try {
            envelope = Mappers.JSON.readValue(Files.readAllBytes(file), DsseEnvelope.class);
            payload = envelope.payloadBytes();
        } catch (IOException | RuntimeException e) {
            problems.put(EvidenceBundle.ENVELOPE, "not a DSSE envelope (" + firstLine(e.getMessage()) + ")");
            return null;
        }
        if (!DsseEnvelope.IN_TOTO_PAYLOAD_TYPE.equals(envelope.payloadType())) {
            problems.put(EvidenceBundle.ENVELOPE, "payloadType is " + envelope.payloadType() + ", not " + DsseEnvelope.IN_TOTO_PAYLOAD_TYPE);
            return null;
        }
        if (key == null) {
            return null;
        }
        String keyId = Ed25519.keyId(key);
        byte[] pae = DsseEnvelope.preAuthenticationEncoding(envelope.payloadType(), payload);
        boolean verified = envelope.signatures().stream().anyMatch(signature -> {
            try {
                return Ed25519.verify(key, pae, java.util.Base64.getDecoder().decode(signature.sig()));
            } catch (IllegalArgumentException e) {
                return false;
            }
        });
        if (!verified) {
            boolean otherKey = envelope.signatures().stream().noneMatch(s -> keyId.equals(s.keyid()));
            problems.put(EvidenceBundle.ENVELOPE, otherKey
                    ? "not signed by key " + keyId + " (signed by " + envelope.signatures().stream().map(s -> abbreviate(s.keyid())).toList() + ")"
                    : "the signature does not verify with key " + keyId + ": the statement or the signature was changed");
            return null;
        }
        try {
            JsonNode statement = Mappers.JSON.readTree(payload);
            if (!InTotoStatement.STATEMENT_TYPE.equals(statement.path("_type").asText())
                    || !InTotoStatement.TEST_RESULT_PREDICATE.equals(statement.path("predicateType").asText())) {
                problems.put(EvidenceBundle.ENVELOPE, "the signed payload is not an in-toto test-result Statement");
                return null;
            }
            return statement;
        } catch (IOException e) {
            problems.put(EvidenceBundle.ENVELOPE, "the signed payload is not JSON");
            return null;
        }
    }

    /** manifest.sig must be the key's signature of manifest.json as it is now. */
    private static void checkManifestSignature(Path folder, PublicKey key, Map<String, String> problems) {
        Path signature = folder.resolve(EvidenceBundle.MANIFEST_SIGNATURE);
        Path manifest = folder.resolve(EvidenceBundle.MANIFEST);
        if (!Files.isRegularFile(signature, LinkOption.NOFOLLOW_LINKS)) {
            problems.put(EvidenceBundle.MANIFEST_SIGNATURE, "missing: " + EvidenceBundle.MANIFEST + " has no detached signature");
            return;
        }
        if (!Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            if (!Ed25519.verify(key, Files.readAllBytes(manifest), Files.readAllBytes(signature))) {
                problems.put(EvidenceBundle.MANIFEST_SIGNATURE, "does not verify " + EvidenceBundle.MANIFEST + " with key "
                        + Ed25519.keyId(key) + ": the manifest or its signature was changed");
            }
        } catch (IOException e) {
            problems.put(EvidenceBundle.MANIFEST_SIGNATURE, "unreadable (" + e.getMessage() + ")");
        }
    }

    private static void checkSubjects(Path folder, JsonNode statement, Map<String, String> problems) {
        boolean manifestIsSubject = false;
        for (JsonNode subject : statement.path("subject")) {
            String name = subject.path("name").asText();
            String expected = subject.path("digest").path("sha256").asText();
            manifestIsSubject |= name.equals(EvidenceBundle.MANIFEST);
            Path file = folder.resolve(name).normalize();
            if (!file.startsWith(folder.normalize()) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                problems.putIfAbsent(name, "missing (a subject of the signed statement)");
            } else {
                String actual = Sha256.of(file);
                if (!actual.equals(expected)) {
                    problems.putIfAbsent(name, "changed: sha256 " + actual + ", the signed statement says " + expected);
                }
            }
        }
        if (!manifestIsSubject) {
            problems.putIfAbsent(EvidenceBundle.ENVELOPE, "the signed statement does not name " + EvidenceBundle.MANIFEST);
        }
    }

    private static Manifest manifest(Path folder, Map<String, String> problems) {
        Path file = folder.resolve(EvidenceBundle.MANIFEST);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            problems.putIfAbsent(EvidenceBundle.MANIFEST, "missing: the files cannot be checked");
            return null;
        }
        try {
            return Manifest.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            problems.putIfAbsent(EvidenceBundle.MANIFEST, "unreadable (" + firstLine(e.getMessage()) + ")");
            return null;
        }
    }

    private static void checkFiles(Path folder, Manifest manifest, Map<String, String> problems) {
        Set<String> listed = new HashSet<>();
        for (Manifest.Entry entry : manifest.files()) {
            listed.add(entry.path());
            Path file = folder.resolve(entry.path()).normalize();
            if (!file.startsWith(folder.normalize())) {
                problems.putIfAbsent(EvidenceBundle.MANIFEST, "lists a path outside the folder: " + entry.path());
                continue;
            }
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                problems.putIfAbsent(entry.path(), "missing (deleted after sealing)");
                continue;
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                problems.putIfAbsent(entry.path(), "not a regular file any more");
                continue;
            }
            try {
                long size = Files.size(file);
                String sha256 = Sha256.of(file);
                if (size != entry.size() || !sha256.equals(entry.sha256())) {
                    problems.putIfAbsent(entry.path(), "changed after sealing: sha256 " + sha256 + " (" + size + " bytes), manifest says "
                            + entry.sha256() + " (" + entry.size() + " bytes)");
                }
            } catch (IOException | RuntimeException e) {
                problems.putIfAbsent(entry.path(), "unreadable (" + e.getMessage() + ")");
            }
        }
        for (String path : Manifest.filesOf(folder)) {
            if (!listed.contains(path) && !EvidenceBundle.SEAL_FILES.contains(path)) {
                problems.putIfAbsent(path, "added after sealing (not in " + EvidenceBundle.MANIFEST + ")");
            }
        }
    }

    private static void checkSha256Sums(Path folder, Manifest manifest, Map<String, String> problems) {
        Path file = folder.resolve(EvidenceBundle.SHA256SUMS);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            problems.putIfAbsent(EvidenceBundle.SHA256SUMS, "missing");
            return;
        }
        try {
            if (!Files.readString(file, StandardCharsets.UTF_8).equals(manifest.sha256sums())) {
                problems.putIfAbsent(EvidenceBundle.SHA256SUMS, "does not list the same files and digests as " + EvidenceBundle.MANIFEST);
            }
        } catch (IOException e) {
            problems.putIfAbsent(EvidenceBundle.SHA256SUMS, "unreadable (" + e.getMessage() + ")");
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "null" : text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }

    private static String firstLine(String text) {
        return text == null ? "" : abbreviate(text.lines().findFirst().orElse(""));
    }
}
