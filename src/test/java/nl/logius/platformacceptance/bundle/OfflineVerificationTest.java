package nl.logius.platformacceptance.bundle;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The documented check without the harness (sha256sum, openssl, sed, diff) accepts a sealed folder — sealed
 * with a key that OpenSSL made — and rejects it after one byte changed, a file was deleted or one was added.
 */
class OfflineVerificationTest {

    @TempDir
    static Path temp;
    private static Path operatorKey;
    private static Path operatorPublicKey;

    @BeforeAll
    static void an_operator_key_made_by_openssl() throws Exception {
        assumeTrue(OfflineVerificationScript.toolsPresent(), "openssl, sha256sum and bash are needed");
        operatorKey = temp.resolve("operator.key");
        operatorPublicKey = temp.resolve("operator.pub.pem");
        openssl("genpkey", "-algorithm", "ed25519", "-out", operatorKey.toString());
        openssl("pkey", "-in", operatorKey.toString(), "-pubout", "-out", operatorPublicKey.toString());
    }

    @Test
    void the_documented_commands_verify_a_sealed_folder_with_the_folder_key_and_with_the_operator_key(@TempDir Path parent) throws Exception {
        SigningKey key = SigningKey.load(operatorKey, "--signing-key " + operatorKey);
        Path folder = SealedFolders.sealed(parent, key);

        OfflineVerificationScript.Outcome withFolderKey = OfflineVerificationScript.run(folder, null);
        assertThat(withFolderKey.exitCode()).as(withFolderKey.output()).isZero();
        assertThat(withFolderKey.output()).contains("Signature Verified Successfully").contains("verdicts.json: OK")
                .contains(key.keyId()).endsWith("INTACT\n");

        OfflineVerificationScript.Outcome withOperatorKey = OfflineVerificationScript.run(folder, operatorPublicKey);
        assertThat(withOperatorKey.exitCode()).as(withOperatorKey.output()).isZero();
        assertThat(Files.readString(folder.resolve("signing-key.id")).strip()).isEqualTo(key.keyId());
        assertThat(Files.list(folder).map(p -> p.getFileName().toString())).doesNotContain("statement.json");
    }

    @Test
    void the_documented_commands_reject_a_changed_byte_a_deleted_file_and_an_added_file(@TempDir Path parent) throws Exception {
        SigningKey key = SigningKey.load(operatorKey, "--signing-key " + operatorKey);
        Path changed = SealedFolders.sealed(parent.resolve("changed"), key);
        SealedFolders.flipOneByte(changed.resolve("evidence/InstanceLossCheck.service_survives/01-availability-timeline.svg"));
        Path deleted = SealedFolders.sealed(parent.resolve("deleted"), key);
        Files.delete(deleted.resolve("knelpunten.md"));
        Path added = SealedFolders.sealed(parent.resolve("added"), key);
        SealedFolders.write(added, "evidence/extra.txt", "added\n");
        Path forgedVerdicts = SealedFolders.sealed(parent.resolve("verdicts"), key);
        SealedFolders.flipOneByte(forgedVerdicts.resolve("verdicts.json"));
        Path otherKey = SealedFolders.sealed(parent.resolve("other-key"), SigningKey.generateEphemeral());
        Path manifestSignature = SealedFolders.sealed(parent.resolve("manifest-sig"), key);
        SealedFolders.flipOneByte(manifestSignature.resolve("manifest.sig"));

        assertThat(OfflineVerificationScript.run(changed, operatorPublicKey).output()).contains("01-availability-timeline.svg: FAILED");
        assertThat(OfflineVerificationScript.run(deleted, operatorPublicKey).output()).contains("knelpunten.md");
        assertThat(OfflineVerificationScript.run(added, operatorPublicKey).output()).contains("> evidence/extra.txt");
        assertThat(OfflineVerificationScript.run(forgedVerdicts, operatorPublicKey).output()).contains("verdicts.json: FAILED");
        assertThat(OfflineVerificationScript.run(otherKey, operatorPublicKey).output()).contains("Signature Verification Failure");
        assertThat(OfflineVerificationScript.run(manifestSignature, operatorPublicKey).output()).contains("Signature Verification Failure");
        for (Path folder : List.of(changed, deleted, added, forgedVerdicts, otherKey, manifestSignature)) {
            assertThat(OfflineVerificationScript.run(folder, operatorPublicKey).exitCode()).as(folder.toString()).isNotZero();
        }
    }

    @Test
    void the_documented_commands_reject_a_re_sealed_folder_whose_provenance_names_the_original_key(@TempDir Path parent) throws Exception {
        SigningKey key = SigningKey.load(operatorKey, "--signing-key " + operatorKey);
        Path folder = SealedFolders.sealed(parent, key);
        SealedFolders.flipOneByte(folder.resolve("knelpunten.md"));
        SealedFolders.reseal(folder, SigningKey.generateEphemeral());

        OfflineVerificationScript.Outcome withFolderKey = OfflineVerificationScript.run(folder, null);

        assertThat(withFolderKey.exitCode()).as(withFolderKey.output()).isNotZero();
        assertThat(withFolderKey.output()).contains("NOT INTACT: verdicts.json: its provenance names another signing key")
                .doesNotContain("INTACT\n");
        assertThat(OfflineVerificationScript.run(folder, operatorPublicKey).output()).contains("NOT INTACT: ./bundle.dsse.json");
    }

    @Test
    void the_documented_commands_compare_signing_key_id_with_the_key(@TempDir Path parent) throws Exception {
        SigningKey key = SigningKey.load(operatorKey, "--signing-key " + operatorKey);
        Path folder = SealedFolders.sealed(parent, key);
        Files.writeString(folder.resolve("signing-key.id"), "0".repeat(64) + "\n");

        OfflineVerificationScript.Outcome outcome = OfflineVerificationScript.run(folder, operatorPublicKey);

        assertThat(outcome.exitCode()).isNotZero();
        assertThat(outcome.output()).contains("NOT INTACT: signing-key.id says " + "0".repeat(64) + ", the key is " + key.keyId());
    }

    @Test
    void a_failed_check_ends_the_check_not_the_shell_it_was_pasted_into(@TempDir Path parent) throws Exception {
        Path folder = SealedFolders.sealed(parent, SigningKey.load(operatorKey, "--signing-key " + operatorKey));
        Files.delete(folder.resolve("knelpunten.md"));

        OfflineVerificationScript.Outcome outcome = OfflineVerificationScript.run(folder, operatorPublicKey,
                "echo \"shell still open, check exited $?\"\n");

        assertThat(outcome.output()).contains("NOT INTACT").contains("shell still open, check exited 1");
    }

    @Test
    void the_documented_commands_check_a_carried_calibration_against_its_own_seal(@TempDir Path parent) throws Exception {
        SigningKey key = SigningKey.load(operatorKey, "--signing-key " + operatorKey);
        Path folder = SealedFolders.carryingCalibration(parent, key, SigningKey.generateEphemeral());

        OfflineVerificationScript.Outcome intact = OfflineVerificationScript.run(folder, operatorPublicKey);
        assertThat(intact.exitCode()).as(intact.output()).isZero();
        assertThat(intact.output()).contains("calibration.json: OK", "intact under its own seal").endsWith("INTACT\n");

        Files.writeString(folder.resolve("calibration/calibration.json"), "{\"forged\" : true}\n");
        SealedFolders.reseal(folder, key);
        OfflineVerificationScript.Outcome forged = OfflineVerificationScript.run(folder, operatorPublicKey);
        assertThat(forged.exitCode()).isNotZero();
        assertThat(forged.output()).contains("calibration.json: FAILED", "NOT INTACT: calibration/: the copy differs from its seal");
    }

    private static void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
