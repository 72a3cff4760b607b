package nl.logius.platformacceptance.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * changed, went missing or was added. Beyond integrity it checks that the folder names one key throughout: the
 * key that verifies the signature must be the one {@code signing-key.id}, the signed statement and the run's
 * provenance name (a folder edited and re-sealed with another key fails here when its provenance still names
 * the original key). A carried calibration ({@code calibration/}) is checked against its own seal and the digest
 * the provenance recorded.
 *
 * <p>Integrity is not origin: whoever changes a folder can re-seal it with a key of their own. Origin needs a key
 * that reaches the auditor by another way: {@code --public-key FILE}, or {@code --trusted-keys FILE} with the
 * operators' keys by name, which says who sealed the folder or that no trusted key did (an ephemeral seal never
 * counts).
 *
 * <pre>{@code
 * BundleVerifier.Report report = BundleVerifier.verify(folder, TrustedKeys.load(Path.of("trusted-keys.yaml")));
 * System.exit(report.exitCode());   // 0 intact and trusted, 1 tampered or not trusted, 2 bad input
 * }</pre>
 */
public final class BundleVerifier {

    private BundleVerifier() {
    }

    public enum Outcome {
        INTACT(0), TAMPERED(1), UNTRUSTED(1), BAD_INPUT(2);

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
     * Who sealed the folder, as far as this check could tell.
     *
     * @param keyId     the key whose signature verified (null when none did)
     * @param ephemeral whether the run's provenance says it sealed with an ephemeral key
     * @param sealedBy  the trusted key's holder, when {@code --trusted-keys} named one; else null
     * @param why       why the seal is not trusted, when trusted keys were given and none sealed it; else null
     */
    public record Origin(String keyId, boolean ephemeral, String sealedBy, String why) {
    }

    /**
     * @param notes    what was checked, for the console (the key used, the number of files)
     * @param problems every file that differs, one entry per file; empty when intact
     * @param badInput why the folder or the key could not be checked at all, or null
     * @param origin   who sealed it, or null when the folder could not be checked
     */
    public record Report(Path folder, Outcome outcome, List<String> notes, List<Problem> problems, String badInput, Origin origin) {
        public int exitCode() {
            return outcome.exitCode();
        }
    }

    /** With the folder's own key (integrity), or with {@code publicKeyFile} (the operator's: origin). */
    public static Report verify(Path folder, Optional<Path> publicKeyFile) {
        Report refused = notSealed(folder);
        if (refused != null) {
            return refused;
        }
        if (publicKeyFile.isEmpty()) {
            return verify(folder, null, null, null);
        }
        try {
            PublicKey given = Ed25519.publicKeyFromPem(Files.readString(publicKeyFile.get(), StandardCharsets.US_ASCII));
            return verify(folder, given, publicKeyFile.get().toString(), null);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return badInput(folder, new ArrayList<>(), "--public-key " + publicKeyFile.get() + ": not a readable Ed25519 public key ("
                    + e.getMessage() + "); expected a PEM 'PUBLIC KEY' (openssl pkey -in KEY -pubout)");
        }
    }

    /** Against the operators' keys an auditor trusts: says which of them sealed the folder, or that none did. */
    public static Report verify(Path folder, TrustedKeys trusted) {
        Report refused = notSealed(folder);
        if (refused != null) {
            return refused;
        }
        // The trusted key named by the folder verifies it, not the key stored in the folder.
        List<String> named = new ArrayList<>(envelopeKeyIds(folder));
        storedKeyId(folder).ifPresent(named::add);
        Optional<TrustedKeys.Key> key = named.stream().map(trusted::byId).flatMap(Optional::stream).findFirst();
        return key.map(k -> verify(folder, k.publicKey(), k.file() + " (" + k.name() + ")", trusted))
                .orElseGet(() -> verify(folder, null, null, trusted));
    }

    /** Why the folder cannot be checked at all (not a folder, unfinished, unsealed); null when it can. */
    private static Report notSealed(Path folder) {
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
        return null;
    }

    /**
     * @param givenKey the key to verify with (the operator's, or the trusted one the folder names); null: the folder's own
     * @param trusted  the trusted keys, when the question is who sealed it; else null
     */
    private static Report verify(Path folder, PublicKey givenKey, String givenKeyName, TrustedKeys trusted) {
        List<String> notes = new ArrayList<>();
        Map<String, String> problems = new LinkedHashMap<>();
        PublicKey key = givenKey != null ? givenKey : folderKey(folder, problems);
        if (givenKey != null) {
            notes.add("key: " + givenKeyName + " (id " + Ed25519.keyId(givenKey) + "): a valid signature proves"
                    + " the folder was sealed by the holder of this key and is unchanged since");
        } else if (key != null && trusted == null) {
            notes.add("key: " + EvidenceBundle.PUBLIC_KEY + " stored in the folder (id " + Ed25519.keyId(key) + "): this proves"
                    + " only integrity (nothing changed since sealing), not origin; give --trusted-keys FILE (or --public-key FILE)"
                    + " with the operators' keys to prove who sealed it");
        }
        checkKeyId(folder, key, givenKey != null, envelopeKeyIds(folder), problems);

        JsonNode statement = problems.containsKey(EvidenceBundle.PUBLIC_KEY) ? null : signedStatement(folder, key, problems);
        if (key != null && !problems.containsKey(EvidenceBundle.PUBLIC_KEY)) {
            checkManifestSignature(folder, key, problems);
        }
        Manifest manifest = manifest(folder, problems);
        JsonNode provenance = null;
        if (statement != null) {
            checkSubjects(folder, statement, problems);
            checkStatementKey(statement, key, problems);
            provenance = provenance(folder, statement);
            checkProvenanceKey(provenance, key, problems);
        }
        if (manifest != null) {
            checkFiles(folder, manifest, problems);
            checkSha256Sums(folder, manifest, problems);
            notes.add("files: " + manifest.files().size() + " listed in " + EvidenceBundle.MANIFEST + " (run " + manifest.runId() + ")");
        }
        if (provenance != null) {
            checkCarriedCalibration(folder, provenance.path("calibration"), trusted, notes, problems);
        }
        boolean ephemeral = provenance != null && ephemeral(provenance);
        if (ephemeral && givenKey != null) {
            notes.set(0, "key: " + givenKeyName + " (id " + Ed25519.keyId(givenKey) + "): its provenance says the run sealed with"
                    + " an ephemeral key that it generated and discarded, so any copy of this public key came from the folder itself:"
                    + " this proves integrity only, not who sealed it");
        }
        List<Problem> list = problems.entrySet().stream().map(e -> new Problem(e.getKey(), e.getValue())).toList();
        String keyId = key == null || statement == null ? null : Ed25519.keyId(key);
        Origin origin = origin(trusted, givenKey != null ? givenKeyName : null, keyId, ephemeral);
        Outcome outcome = !list.isEmpty() ? Outcome.TAMPERED : origin.why() != null ? Outcome.UNTRUSTED : Outcome.INTACT;
        return new Report(folder, outcome, notes, list, null, origin);
    }

    private static Origin origin(TrustedKeys trusted, String givenKeyName, String keyId, boolean ephemeral) {
        if (trusted == null) {
            return new Origin(keyId, ephemeral, null, null);
        }
        if (keyId == null) {
            return new Origin(null, ephemeral, null, "no signature verifies, so no key sealed it");
        }
        Optional<TrustedKeys.Key> key = givenKeyName == null ? Optional.empty() : trusted.byId(keyId);
        if (ephemeral) {
            return new Origin(keyId, true, null, "its provenance says it was sealed with an ephemeral key (" + keyId + "), whose"
                    + " private half nobody kept: an ephemeral seal proves integrity, never who sealed it"
                    + key.map(k -> " (the key is listed as '" + k.name() + "' in " + trusted.source() + " by mistake)").orElse(""));
        }
        if (key.isEmpty()) {
            return new Origin(keyId, false, null, "sealed by key " + keyId + ", which is not in " + trusted.source());
        }
        return new Origin(keyId, false, key.get().name(), null);
    }

    private static Report badInput(Path folder, List<String> notes, String why) {
        return new Report(folder, Outcome.BAD_INPUT, notes, List.of(), why, null);
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
     * signing-key.id must name the key that verifies the folder (the folder's own, or the one given). When it and the
     * folder's key differ, the envelope's key id tells which of the two was changed.
     */
    private static void checkKeyId(Path folder, PublicKey key, boolean keyGiven, List<String> envelopeKeyIds,
                                   Map<String, String> problems) {
        Path file = folder.resolve(EvidenceBundle.KEY_ID);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            problems.put(EvidenceBundle.KEY_ID, "missing");
            return;
        }
        if (key == null) {
            return;
        }
        Optional<String> stored = storedKeyId(folder);
        String actual = Ed25519.keyId(key);
        if (stored.isEmpty()) {
            problems.put(EvidenceBundle.KEY_ID, "unreadable");
        } else if (stored.get().equals(actual)) {
            return;
        } else if (keyGiven) {
            // The given key's signature is checked below; if it verifies, this file was changed after sealing.
            if (envelopeKeyIds.contains(actual)) {
                problems.put(EvidenceBundle.KEY_ID, "says " + abbreviate(stored.get()) + " but the folder was sealed by key " + actual);
            }
        } else if (envelopeKeyIds.contains(stored.get())) {
            problems.put(EvidenceBundle.PUBLIC_KEY, "changed: it holds key " + actual + ", but " + EvidenceBundle.KEY_ID
                    + " and the signature name key " + stored.get());
        } else {
            problems.put(EvidenceBundle.KEY_ID, "says " + abbreviate(stored.get()) + " but " + EvidenceBundle.PUBLIC_KEY + " has id " + actual);
        }
    }

    private static Optional<String> storedKeyId(Path folder) {
        try {
            return Optional.of(Files.readString(folder.resolve(EvidenceBundle.KEY_ID), StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The signed statement names its signing key (since this format): it must be the key that verified it. */
    private static void checkStatementKey(JsonNode statement, PublicKey key, Map<String, String> problems) {
        for (JsonNode descriptor : statement.path("predicate").path("configuration")) {
            if (RunAttestation.SIGNING_KEY.equals(descriptor.path("name").asText())) {
                String named = descriptor.path("digest").path("sha256").asText();
                if (!named.equals(Ed25519.keyId(key))) {
                    problems.putIfAbsent(EvidenceBundle.ENVELOPE, "the signed statement names signing key " + named
                            + ", but it is signed by key " + Ed25519.keyId(key) + ": it was re-signed by another key");
                }
            }
        }
    }

    /** The provenance of the folder's result file (verdicts.json or calibration.json), once its digest checked out. */
    private static JsonNode provenance(Path folder, JsonNode statement) {
        for (JsonNode subject : statement.path("subject")) {
            String name = subject.path("name").asText();
            if (name.equals(EvidenceBundle.MANIFEST) || name.equals(EvidenceBundle.SHA256SUMS)) {
                continue;
            }
            Path file = folder.resolve(name).normalize();
            if (!file.startsWith(folder.normalize()) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    || !Sha256.of(file).equals(subject.path("digest").path("sha256").asText())) {
                return null;
            }
            try {
                JsonNode provenance = Mappers.JSON.readTree(file.toFile()).path("provenance");
                return provenance instanceof ObjectNode object ? object.put("resultFile", name) : null;
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    /** A run's provenance names the key it was sealed with: a folder re-sealed by another key no longer matches it. */
    private static void checkProvenanceKey(JsonNode provenance, PublicKey key, Map<String, String> problems) {
        if (provenance == null || !provenance.path("signing").hasNonNull("keyId")) {
            return;
        }
        String named = provenance.path("signing").path("keyId").asText();
        String actual = Ed25519.keyId(key);
        if (!named.equals(actual)) {
            problems.putIfAbsent(provenance.path("resultFile").asText(), "its provenance names signing key " + named
                    + ", but the folder was sealed by key " + actual + ": it was re-sealed by someone other than the run");
        }
    }

    /**
     * The calibration a run carries in {@code calibration/} must be what its own seal signed, and the one the run's
     * provenance recorded (the digest of its manifest, the key that sealed it). Problems are named under
     * {@code calibration/}.
     */
    private static void checkCarriedCalibration(Path folder, JsonNode recorded, TrustedKeys trusted, List<String> notes,
                                                Map<String, String> problems) {
        Path carried = folder.resolve(CalibrationLookup.CARRIED);
        if (!recorded.path("carried").isTextual()) {
            return; // no calibration carried (or an older run that linked one without carrying it)
        }
        String prefix = CalibrationLookup.CARRIED + "/";
        if (!Files.isDirectory(carried, LinkOption.NOFOLLOW_LINKS)) {
            problems.putIfAbsent(prefix, "missing: the provenance says the run carries calibration " + recorded.path("runId").asText());
            return;
        }
        Map<String, String> found = new LinkedHashMap<>();
        Optional<TrustedKeys.Key> trustedKey = trusted == null ? Optional.empty() : storedKeyId(carried).flatMap(trusted::byId);
        PublicKey key = trustedKey.map(TrustedKeys.Key::publicKey).orElseGet(() -> folderKey(carried, found));
        checkKeyId(carried, key, trustedKey.isPresent(), envelopeKeyIds(carried), found);
        JsonNode statement = key == null ? null : signedStatement(carried, key, found);
        if (key != null) {
            checkManifestSignature(carried, key, found);
        }
        Manifest manifest = manifest(carried, found);
        if (statement != null) {
            for (JsonNode subject : statement.path("subject")) {
                String name = subject.path("name").asText();
                Path file = carried.resolve(name).normalize();
                if (CalibrationLookup.CARRIED_FILES.contains(name) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                        && !Sha256.of(file).equals(subject.path("digest").path("sha256").asText())) {
                    found.putIfAbsent(name, "differs from the digest its calibration's signed statement names");
                }
            }
        }
        if (manifest != null) {
            for (Manifest.Entry entry : manifest.files()) {
                Path file = carried.resolve(entry.path());
                if (CalibrationLookup.CARRIED_FILES.contains(entry.path()) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                        && !Sha256.of(file).equals(entry.sha256())) {
                    found.putIfAbsent(entry.path(), "differs from its calibration's manifest");
                }
            }
        }
        Path manifestFile = carried.resolve(EvidenceBundle.MANIFEST);
        if (Files.isRegularFile(manifestFile) && !Sha256.of(manifestFile).equals(recorded.path("manifestSha256").asText())) {
            found.putIfAbsent(EvidenceBundle.MANIFEST, "sha256 " + Sha256.of(manifestFile) + ", but the run recorded calibration "
                    + recorded.path("runId").asText() + " with manifest sha256 " + recorded.path("manifestSha256").asText());
        }
        String keyId = key == null ? null : Ed25519.keyId(key);
        if (keyId != null && recorded.hasNonNull("sealKeyId") && !recorded.get("sealKeyId").asText().equals(keyId)) {
            found.putIfAbsent(EvidenceBundle.KEY_ID, "the calibration is sealed by key " + keyId + ", but the run recorded key "
                    + recorded.get("sealKeyId").asText());
        }
        found.forEach((path, what) -> problems.putIfAbsent(prefix + path, what));
        if (found.isEmpty()) {
            notes.add("calibration: " + recorded.path("runId").asText() + " carried in " + prefix + ", intact under its own seal (key "
                    + keyId + (trusted == null ? "" : trustedKey.map(k -> ", sealed by " + k.name())
                    .orElse(", not a trusted key: its proof rests on the run's own seal")) + "); "
                    + recorded.path("proof").asText("linked"));
        }
    }

    private static boolean ephemeral(JsonNode provenance) {
        JsonNode signing = provenance.path("signing");
        return signing.hasNonNull("ephemeral") ? signing.get("ephemeral").asBoolean()
                : signing.path("origin").asText("").startsWith("ephemeral");
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
