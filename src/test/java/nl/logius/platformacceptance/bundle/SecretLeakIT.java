package nl.logius.platformacceptance.bundle;

import nl.logius.platformacceptance.cli.PlatformAcceptance;
import nl.logius.platformacceptance.runfolder.HarnessInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs with a secret in the target profile, through the launcher's command line on the real engine: a normal
 * run leaves the secret nowhere in its folder, in no encoding; a run that writes it (planted as the release
 * label, which goes into every report) is stopped with exit 3, marked, and not sealed.
 */
class SecretLeakIT {

    private static final String PLANTED = "pa-planted-Secret-9f8e7d6c5b4a";

    @TempDir
    Path temp;

    @Test
    void a_run_with_a_secret_in_its_target_leaves_it_nowhere_in_the_folder(@TempDir Path out) throws IOException {
        Path profile = profileWithSecret();

        int exitCode = PlatformAcceptance.execute("run", "--target", profile.toString(), "--release", "dev",
                "--knelpunt", "KP-NET-01", "--out", out.toString());

        Path folder = onlyRunFolder(out);
        assertThat(exitCode).isZero();
        assertThat(folder.resolve(EvidenceBundle.MANIFEST)).exists();
        assertThat(PlatformAcceptance.execute("verify", folder.toString())).isZero();
        byte[] secret = PLANTED.getBytes(StandardCharsets.UTF_8);
        for (String encoded : List.of(PLANTED, SecretEncodings.base64Core(secret, 0), HexFormat.of().formatHex(secret),
                SecretEncodings.base64Core(secret, 1), SecretEncodings.base64Core(secret, 2))) {
            assertThat(filesContaining(folder, encoded)).as("files holding the secret as " + encoded).isEmpty();
        }
    }

    @Test
    void a_run_that_writes_a_secret_is_stopped_marked_and_not_sealed(@TempDir Path out) throws IOException {
        Path profile = profileWithSecret();

        int exitCode = PlatformAcceptance.execute("run", "--target", profile.toString(), "--release", PLANTED,
                "--knelpunt", "KP-NET-02", "--out", out.toString());

        Path folder = onlyRunFolder(out);
        assertThat(exitCode).isEqualTo(3);
        assertThat(folder.resolve(EvidenceBundle.MANIFEST)).doesNotExist();
        String marker = Files.readString(folder.resolve(SecretScan.LEAK_MARKER));
        assertThat(marker).contains("verdicts.json: secret 'api-token' (raw)").contains("allure-report/index.html: secret 'api-token' (base64")
                .doesNotContain(PLANTED);
        assertThat(PlatformAcceptance.execute("verify", folder.toString())).isEqualTo(2);
    }

    private Path profileWithSecret() throws IOException {
        Files.writeString(temp.resolve("token.txt"), PLANTED + "\n");
        String local = Files.readString(HarnessInfo.projectHome().resolve("suites/targets/local.yaml"));
        return Files.writeString(temp.resolve("local-with-secret.yaml"), local + "secrets:\n  api-token: {file: token.txt}\n");
    }

    private static Path onlyRunFolder(Path out) throws IOException {
        try (Stream<Path> folders = Files.walk(out, 2)) {
            // A folder: beside the run folder the release's folder holds its steering page.
            return folders.filter(p -> out.relativize(p).getNameCount() == 2 && Files.isDirectory(p)).findFirst().orElseThrow();
        }
    }

    private static List<String> filesContaining(Path folder, String text) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).filter(file -> {
                try {
                    return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).map(folder::relativize).map(Path::toString).toList();
        }
    }
}
