package nl.logius.platformacceptance.platform.local;

import com.github.dockerjava.api.exception.DockerException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DockerCallsTest {

    @Test
    void the_engine_message_is_taken_out_of_docker_javas_wrapping() {
        DockerException refusal = new DockerException(
                "Status 400: {\"message\":\"create pa-vol-1: quota size requested but no quota support\"}\n", 400);
        assertThat(DockerCalls.engineMessage(refusal)).isEqualTo("create pa-vol-1: quota size requested but no quota support");
    }

    @Test
    void a_message_without_the_wrapping_stays_as_it_is() {
        assertThat(DockerCalls.engineMessage(new DockerException("plain failure", 500))).isEqualTo("Status 500: plain failure");
    }
}
