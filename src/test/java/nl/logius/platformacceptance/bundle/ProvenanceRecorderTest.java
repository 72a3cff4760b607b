package nl.logius.platformacceptance.bundle;

import nl.logius.platformacceptance.verdict.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProvenanceRecorderTest {

    @Test
    void names_the_ci_job_from_the_ci_systems_own_variables_and_never_its_tokens() {
        Provenance.CiJob gitlab = ProvenanceRecorder.ciJob(Map.of("GITLAB_CI", "true", "CI", "true", "CI_JOB_NAME", "acceptance",
                "CI_JOB_ID", "4711", "CI_JOB_URL", "https://gitlab.example/lpc/pa/-/jobs/4711", "CI_PIPELINE_ID", "99",
                "CI_COMMIT_SHA", "abc", "CI_JOB_TOKEN", "glcbt-secret-token"));
        assertThat(gitlab).isEqualTo(new Provenance.CiJob("gitlab", "acceptance #4711", "https://gitlab.example/lpc/pa/-/jobs/4711", "99", "abc"));
        assertThat(gitlab.toString()).doesNotContain("glcbt-secret-token");

        Provenance.CiJob github = ProvenanceRecorder.ciJob(Map.of("GITHUB_ACTIONS", "true", "GITHUB_JOB", "calibrate",
                "GITHUB_SERVER_URL", "https://github.example", "GITHUB_REPOSITORY", "logius/pa", "GITHUB_RUN_ID", "123",
                "GITHUB_WORKFLOW", "ci", "GITHUB_SHA", "def", "GITHUB_TOKEN", "ghs_secret"));
        assertThat(github.url()).isEqualTo("https://github.example/logius/pa/actions/runs/123");
        assertThat(github.toString()).doesNotContain("ghs_secret");

        assertThat(ProvenanceRecorder.ciJob(Map.of("JENKINS_URL", "https://jenkins.example/", "JOB_NAME", "pa", "BUILD_NUMBER", "7",
                "BUILD_URL", "https://jenkins.example/job/pa/7/")).system()).isEqualTo("jenkins");
        assertThat(ProvenanceRecorder.ciJob(Map.of("CI", "true")).system()).isEqualTo("ci");
        assertThat(ProvenanceRecorder.ciJob(Map.of())).isNull();
        assertThat(ProvenanceRecorder.ciJob(Map.of("CI", "false"))).isNull();
    }

    @Test
    void digests_an_input_file_and_the_copy_embedded_in_the_jar(@TempDir Path temp) throws IOException {
        Path file = Files.writeString(temp.resolve("register.yaml"), "knelpunten: []\n");
        assertThat(ProvenanceRecorder.digest(file).sha256()).isEqualTo(Sha256.of(Files.readAllBytes(file)));
        Provenance.InputFile embedded = ProvenanceRecorder.digest(Path.of("classpath:suites/knelpunten.yaml"));
        assertThat(embedded.sha256()).matches("[0-9a-f]{64}");
    }

    @Test
    void a_calibration_is_linked_only_when_sealed_by_the_same_harness_commit(@TempDir Path reports) throws IOException {
        Path runFolder = Files.createDirectories(reports.resolve("2026.11/20261130T090000Z-aaaa"));
        assertThat(CalibrationLookup.newest(reports, "c0ffee", runFolder).status()).isEqualTo("none");

        calibration(reports, "20261129T100000Z-0001", "c0ffee", true);
        calibration(reports, "20261129T110000Z-0002", "c0ffee", false);
        calibration(reports, "20261129T120000Z-0003", "other", true);
        Path unsealed = Files.createDirectories(reports.resolve("calibration/20261129T130000Z-0004"));
        Files.writeString(unsealed.resolve("calibration.json"), "{\"runId\": \"20261129T130000Z-0004\", \"harness\": {\"commit\": \"c0ffee\"}}");

        Provenance.Calibration linked = CalibrationLookup.newest(reports, "c0ffee", runFolder);

        assertThat(linked.status()).isEqualTo("linked");
        assertThat(linked.runId()).isEqualTo("20261129T110000Z-0002");
        assertThat(linked.path()).isEqualTo("../../calibration/20261129T110000Z-0002");
        assertThat(linked.allDetected()).isFalse();
        assertThat(linked.manifestSha256()).isEqualTo(Sha256.of(reports.resolve("calibration/20261129T110000Z-0002/manifest.json")));
        assertThat(CalibrationLookup.newest(reports, "unknown (not a git checkout)", runFolder).status()).isEqualTo("none");
    }

    private static void calibration(Path reports, String runId, String commit, boolean allDetected) throws IOException {
        Path folder = Files.createDirectories(reports.resolve("calibration").resolve(runId));
        Files.writeString(folder.resolve("calibration.json"), "{\"runId\": \"" + runId + "\", \"harness\": {\"commit\": \"" + commit
                + "\"}, \"allDetected\": " + allDetected + "}");
        Files.writeString(folder.resolve("manifest.json"), "{\"runId\": \"" + runId + "\"}");
    }
}
