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
                "CI_COMMIT_SHA", "abc", "CI_JOB_TOKEN", "glcbt-secret-token", "GITLAB_USER_LOGIN", "jdevries",
                "GITLAB_USER_NAME", "J. de Vries"));
        assertThat(gitlab).isEqualTo(new Provenance.CiJob("gitlab", "acceptance #4711", "https://gitlab.example/lpc/pa/-/jobs/4711", "99",
                "abc", "jdevries (J. de Vries)"));
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
    void the_operator_is_who_was_named_else_the_ci_user_else_nobody_and_the_record_says_which() {
        Map<String, String> gitlab = Map.of("GITLAB_CI", "true", "GITLAB_USER_LOGIN", "jdevries", "CI_JOB_URL", "https://gitlab.example/j/1");

        Provenance.Operator named = ProvenanceRecorder.operator("Acceptance team (A. Jansen)", gitlab);
        assertThat(named.name()).isEqualTo("Acceptance team (A. Jansen)");
        assertThat(named.declaredBy()).isEqualTo("--operator");
        assertThat(named.ci().user()).isEqualTo("jdevries");

        Provenance.Operator fromCi = ProvenanceRecorder.operator(null, gitlab);
        assertThat(fromCi.name()).isEqualTo("jdevries");
        assertThat(fromCi.declaredBy()).isEqualTo("GITLAB_USER_LOGIN");
        assertThat(fromCi.describe()).contains("jdevries (GITLAB_USER_LOGIN)", "https://gitlab.example/j/1");

        Provenance.Operator byHand = ProvenanceRecorder.operator(null, Map.of());
        assertThat(byHand.name()).isNull();
        assertThat(byHand.declaredBy()).isEqualTo("not declared");
        assertThat(byHand.describe()).startsWith("nobody named (no --operator, no CI user)").contains("by hand");
    }
}
