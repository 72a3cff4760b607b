package nl.logius.platformacceptance.bundle;

import nl.logius.platformacceptance.cli.PlatformAcceptance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BundleVerifierTest {

    private final SigningKey key = SigningKey.generateEphemeral();

    @TempDir
    Path temp;

    @Test
    void a_fresh_seal_verifies_with_the_folder_key_as_integrity_only_and_with_the_operator_key_as_origin() throws IOException {
        SigningKey key = SigningKey.load(operatorKeyFile(), "test");
        Path folder = SealedFolders.sealed(temp, key);
        BundleVerifier.Report withFolderKey = BundleVerifier.verify(folder, Optional.empty());
        assertThat(withFolderKey.outcome()).isEqualTo(BundleVerifier.Outcome.INTACT);
        assertThat(withFolderKey.notes()).anyMatch(note -> note.contains("only integrity") && note.contains("not origin"));

        Path operatorKey = Files.writeString(temp.resolve("operator.pub.pem"), key.publicKeyPem());
        BundleVerifier.Report withOperatorKey = BundleVerifier.verify(folder, Optional.of(operatorKey));
        assertThat(withOperatorKey.outcome()).isEqualTo(BundleVerifier.Outcome.INTACT);
        assertThat(withOperatorKey.notes()).anyMatch(note -> note.contains("sealed by the holder of this key"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"verdicts.json", "knelpunten.md", "allure-results/environment.properties",
            "evidence/InstanceLossCheck.service_survives/02-raw.bin", "junit/TEST-junit-jupiter.xml",
            "manifest.json", "manifest.sha256", "manifest.sig", "bundle.dsse.json", "signing-key.pub.pem", "signing-key.id"})
    void one_changed_byte_in_any_file_is_tampering_and_names_the_file(String file) throws IOException {
        Path folder = SealedFolders.sealed(temp, key);
        SealedFolders.flipOneByte(folder.resolve(file));

        BundleVerifier.Report report = BundleVerifier.verify(folder, Optional.empty());

        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.problems()).extracting(BundleVerifier.Problem::path).contains(file);
    }

    @ParameterizedTest
    @ValueSource(strings = {"verdicts.json", "evidence/InstanceLossCheck.service_survives/01-availability-timeline.svg",
            "manifest.json", "manifest.sha256", "manifest.sig", "bundle.dsse.json", "signing-key.pub.pem", "signing-key.id"})
    void a_deleted_file_is_tampering_and_is_named(String file) throws IOException {
        Path folder = SealedFolders.sealed(temp, key);
        Files.delete(folder.resolve(file));

        BundleVerifier.Report report = BundleVerifier.verify(folder, Optional.empty());

        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.problems()).extracting(BundleVerifier.Problem::path).contains(file);
    }

    @ParameterizedTest
    @ValueSource(strings = {"extra.txt", "evidence/InstanceLossCheck.service_survives/03-added.svg", "allure-report/index.html"})
    void an_added_file_is_tampering_and_is_named(String file) throws IOException {
        Path folder = SealedFolders.sealed(temp, key);
        SealedFolders.write(folder, file, "added after the seal\n");

        BundleVerifier.Report report = BundleVerifier.verify(folder, Optional.empty());

        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.problems()).containsExactly(new BundleVerifier.Problem(file, "added after sealing (not in manifest.json)"));
    }

    @Test
    void a_folder_re_sealed_with_another_key_fails_against_the_operator_key() throws IOException {
        Path folder = SealedFolders.sealed(temp, key);
        Files.writeString(folder.resolve("verdicts.json"), "{\"forged\": true}\n");
        for (String seal : EvidenceBundle.SEAL_FILES) {
            Files.delete(folder.resolve(seal));
        }
        EvidenceBundle.seal(folder, SealedFolders.RUN_ID, "verdicts.json", SealedFolders.predicate(), SigningKey.generateEphemeral());
        Path operatorKey = Files.writeString(temp.resolve("operator.pub.pem"), key.publicKeyPem());

        assertThat(BundleVerifier.verify(folder, Optional.empty()).exitCode()).isZero();
        BundleVerifier.Report report = BundleVerifier.verify(folder, Optional.of(operatorKey));
        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.problems()).extracting(BundleVerifier.Problem::path).containsExactlyInAnyOrder("manifest.sig", "bundle.dsse.json");
        assertThat(report.problems()).filteredOn(problem -> problem.path().equals("bundle.dsse.json")).singleElement()
                .satisfies(problem -> assertThat(problem.what()).startsWith("not signed by key " + key.keyId()));
    }

    @Test
    void a_folder_edited_re_hashed_and_re_sealed_with_a_new_key_fails_while_its_provenance_names_the_original_key() throws IOException {
        Path folder = SealedFolders.sealed(temp, key);
        String verdicts = Files.readString(folder.resolve("verdicts.json"));
        Files.writeString(folder.resolve("verdicts.json"), verdicts.replace("\"knelpunten\" : [ ]", "\"knelpunten\" : [ ], \"forged\" : true"));
        SigningKey forger = SigningKey.generateEphemeral();
        SealedFolders.reseal(folder, forger);

        BundleVerifier.Report report = BundleVerifier.verify(folder, Optional.empty());

        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("verdicts.json");
            assertThat(problem.what()).isEqualTo("its provenance names signing key " + key.keyId() + ", but the folder was sealed by key "
                    + forger.keyId() + ": it was re-sealed by someone other than the run");
        });
    }

    @Test
    void a_careful_forgery_that_also_rewrites_the_provenance_is_intact_but_never_sealed_by_a_trusted_key() throws IOException {
        SigningKey operator = SigningKey.load(operatorKeyFile(), "test");
        Path folder = SealedFolders.sealed(temp, operator);
        TrustedKeys trusted = trustedKeys("acceptance team", operator);
        BundleVerifier.Report genuine = BundleVerifier.verify(folder, trusted);
        assertThat(genuine.outcome()).isEqualTo(BundleVerifier.Outcome.INTACT);
        assertThat(genuine.origin().sealedBy()).isEqualTo("acceptance team");

        SigningKey forger = SigningKey.generateEphemeral();
        Files.writeString(folder.resolve("verdicts.json"), SealedFolders.verdicts(forger.keyId(), false));
        SealedFolders.reseal(folder, forger);

        assertThat(BundleVerifier.verify(folder, Optional.empty()).outcome()).as("integrity alone cannot tell").isEqualTo(BundleVerifier.Outcome.INTACT);
        BundleVerifier.Report report = BundleVerifier.verify(folder, trusted);
        assertThat(report.outcome()).isEqualTo(BundleVerifier.Outcome.UNTRUSTED);
        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.origin().why()).isEqualTo("sealed by key " + forger.keyId() + ", which is not in " + trusted.source());

        // Claiming the operator's key id does not help: the trusted key itself checks the signature.
        Files.writeString(folder.resolve("signing-key.id"), operator.keyId() + "\n");
        BundleVerifier.Report claimed = BundleVerifier.verify(folder, trusted);
        assertThat(claimed.outcome()).isEqualTo(BundleVerifier.Outcome.TAMPERED);
        assertThat(claimed.problems()).extracting(BundleVerifier.Problem::path).contains("bundle.dsse.json", "manifest.sig");
    }

    @Test
    void an_ephemeral_seal_is_refused_by_the_trusted_keys_even_when_its_key_is_listed() throws IOException {
        Path folder = SealedFolders.sealed(temp, key);
        Path ownKey = folder.resolve("signing-key.pub.pem");

        BundleVerifier.Report report = BundleVerifier.verify(folder, trustedKeys("copied from the folder", key));

        assertThat(report.outcome()).isEqualTo(BundleVerifier.Outcome.UNTRUSTED);
        assertThat(report.origin().why()).contains("ephemeral key").contains("proves integrity, never who sealed it");
        BundleVerifier.Report withOwnKey = BundleVerifier.verify(folder, Optional.of(ownKey));
        assertThat(withOwnKey.outcome()).isEqualTo(BundleVerifier.Outcome.INTACT);
        assertThat(withOwnKey.notes().get(0)).contains("proves integrity only, not who sealed it").doesNotContain("holder of this key");
    }

    @Test
    void the_verify_command_names_the_trusted_holder_or_says_no_trusted_key_sealed_it() throws IOException {
        SigningKey operator = SigningKey.load(operatorKeyFile(), "test");
        Path sealed = SealedFolders.sealed(temp.resolve("operator"), operator);
        Path ephemeral = SealedFolders.sealed(temp.resolve("ephemeral"), key);
        Path file = trustedKeysFile("acceptance team", operator);

        String byOperator = console(() -> assertThat(PlatformAcceptance.execute("verify", sealed.toString(), "--trusted-keys",
                file.toString())).isZero());
        assertThat(byOperator).contains("INTACT", "sealed by acceptance team");
        String byNobody = console(() -> assertThat(PlatformAcceptance.execute("verify", ephemeral.toString(), "--trusted-keys",
                file.toString())).isEqualTo(1));
        assertThat(byNobody).contains("not sealed by a trusted key");
        assertThat(PlatformAcceptance.execute("verify", sealed.toString(), "--trusted-keys", file.toString(),
                "--public-key", file.toString())).as("one of the two").isEqualTo(2);
    }

    @Test
    void a_carried_calibration_must_be_what_its_own_seal_signed_and_what_the_run_recorded() throws IOException {
        SigningKey calibrationKey = SigningKey.generateEphemeral();
        Path folder = SealedFolders.carryingCalibration(temp, key, calibrationKey);

        BundleVerifier.Report intact = BundleVerifier.verify(folder, Optional.empty());
        assertThat(intact.outcome()).as(intact.problems().toString()).isEqualTo(BundleVerifier.Outcome.INTACT);
        assertThat(intact.notes()).anyMatch(note -> note.startsWith("calibration: 20261128T100000Z-cal1 carried in calibration/, intact"));

        // A copy changed and the run re-sealed by whoever holds the run's key: the calibration's own seal still tells.
        Files.writeString(folder.resolve("calibration/calibration.json"), "{\"allDetected\" : true, \"forged\" : true}\n");
        SealedFolders.reseal(folder, key);
        BundleVerifier.Report forged = BundleVerifier.verify(folder, Optional.empty());
        assertThat(forged.outcome()).isEqualTo(BundleVerifier.Outcome.TAMPERED);
        assertThat(forged.problems()).extracting(BundleVerifier.Problem::path).containsExactly("calibration/calibration.json");
    }

    private Path operatorKeyFile() throws IOException {
        Path file = temp.resolve("operator-" + System.nanoTime() + ".key");
        try (var out = Files.newOutputStream(file)) {
            SigningKey.generateEphemeral().writePrivateKeyTo(out);
        }
        return file;
    }

    private TrustedKeys trustedKeys(String name, SigningKey holder) throws IOException {
        return TrustedKeys.load(trustedKeysFile(name, holder));
    }

    private Path trustedKeysFile(String name, SigningKey holder) throws IOException {
        Path folder = Files.createDirectories(temp.resolve("keys-" + System.nanoTime()));
        Files.writeString(folder.resolve("holder.pub.pem"), holder.publicKeyPem());
        return Files.writeString(folder.resolve("trusted-keys.yaml"), "keys:\n  - name: " + name + "\n    publicKey: holder.pub.pem\n");
    }

    private static String console(Runnable action) {
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void a_changed_file_with_a_manifest_rewritten_to_match_is_caught_by_the_signature() throws IOException {
        Path folder = SealedFolders.sealed(temp, key);
        Path verdicts = folder.resolve("knelpunten.md");
        Files.writeString(verdicts, "# Forged\n");
        String manifest = Files.readString(folder.resolve("manifest.json"));
        Manifest original = Manifest.parse(manifest);
        Manifest forged = Manifest.of(folder, SealedFolders.RUN_ID, EvidenceBundle.SEAL_FILES);
        Files.writeString(folder.resolve("manifest.json"), forged.toJson());
        Files.writeString(folder.resolve("manifest.sha256"), forged.sha256sums());
        assertThat(forged).isNotEqualTo(original);

        BundleVerifier.Report report = BundleVerifier.verify(folder, Optional.empty());

        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.problems()).extracting(BundleVerifier.Problem::path).contains("manifest.json", "manifest.sha256", "manifest.sig");
    }

    @Test
    void a_run_killed_after_sealing_but_before_it_completed_is_not_finished_and_its_marker_is_outside_the_seal() throws IOException {
        Path folder = SealedFolders.unsealed(temp);
        Files.writeString(folder.resolve("INCOMPLETE"), "run started\n");
        EvidenceBundle.seal(folder, SealedFolders.RUN_ID, "verdicts.json", SealedFolders.predicate(), key);

        BundleVerifier.Report killed = BundleVerifier.verify(folder, Optional.empty());
        assertThat(killed.exitCode()).isEqualTo(2);
        assertThat(killed.badInput()).contains("did not finish");

        Files.delete(folder.resolve("INCOMPLETE"));
        assertThat(BundleVerifier.verify(folder, Optional.empty()).outcome()).isEqualTo(BundleVerifier.Outcome.INTACT);
    }

    @Test
    void what_is_not_a_sealed_folder_or_a_key_is_bad_input() throws IOException {
        assertThat(BundleVerifier.verify(temp.resolve("absent"), Optional.empty()).exitCode()).isEqualTo(2);
        Path unsealed = SealedFolders.unsealed(temp);
        Files.writeString(unsealed.resolve("INCOMPLETE"), "run started\n");
        BundleVerifier.Report report = BundleVerifier.verify(unsealed, Optional.empty());
        assertThat(report.exitCode()).isEqualTo(2);
        assertThat(report.badInput()).contains("not a sealed run folder").contains("did not finish");

        Path sealed = SealedFolders.sealed(temp.resolve("other"), key);
        Path notAKey = Files.writeString(temp.resolve("not-a-key.pem"), "hello\n");
        assertThat(BundleVerifier.verify(sealed, Optional.of(notAKey)).exitCode()).isEqualTo(2);
    }

    @Test
    void evidence_is_sealed_once() throws IOException {
        Path folder = SealedFolders.sealed(temp, key);
        assertThatThrownBy(() -> EvidenceBundle.seal(folder, SealedFolders.RUN_ID, "verdicts.json", SealedFolders.predicate(), key))
                .hasMessageContaining("already sealed");
    }

    @Test
    void the_verify_command_exits_0_intact_1_tampered_2_bad_input_and_names_the_file() throws IOException {
        Path folder = SealedFolders.sealed(temp, key);
        assertThat(PlatformAcceptance.execute("verify", folder.toString())).isZero();

        java.io.PrintStream console = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            SealedFolders.flipOneByte(folder.resolve("knelpunten.md"));
            assertThat(PlatformAcceptance.execute("verify", folder.toString())).isEqualTo(1);
        } finally {
            System.setOut(console);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("TAMPERED").contains("knelpunten.md: changed after sealing");
        assertThat(PlatformAcceptance.execute("verify", temp.resolve("nothing-here").toString())).isEqualTo(2);
    }
}
