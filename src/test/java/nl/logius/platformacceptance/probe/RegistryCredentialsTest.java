package nl.logius.platformacceptance.probe;

import nl.logius.platformacceptance.target.Secret;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A Harbor robot account from a profile's secret, in either form a pipeline has it, never quoted in a message. */
class RegistryCredentialsTest {

    private static final String HOST = "harbor.lpc.example";

    @Test
    void user_and_password_split_at_the_first_colon_so_a_robot_name_with_dollar_and_plus_stays_whole() {
        RegistryCredentials credentials = RegistryCredentials.of(Secret.of("robot", "robot$pa+probe:to:ken"), HOST);

        assertThat(credentials).isEqualTo(new RegistryCredentials("robot$pa+probe", "to:ken"));
        assertThat(credentials.toString()).isEqualTo("robot$pa+probe:****");
    }

    @Test
    void a_docker_config_json_gives_the_account_of_the_registry_host() {
        String auth = Base64.getEncoder().encodeToString("robot$pa+probe:t0ken".getBytes(StandardCharsets.UTF_8));
        String config = "{\"auths\": {\"other.example\": {\"auth\": \"eDp5\"}, \"https://" + HOST + "\": {\"auth\": \"" + auth + "\"}}}";

        assertThat(RegistryCredentials.of(Secret.of("robot", config), HOST))
                .isEqualTo(new RegistryCredentials("robot$pa+probe", "t0ken"));
        assertThat(RegistryCredentials.of(Secret.of("robot",
                "{\"auths\": {\"" + HOST + "\": {\"username\": \"u\", \"password\": \"p\"}}}"), HOST))
                .isEqualTo(new RegistryCredentials("u", "p"));
    }

    @Test
    void a_secret_of_another_shape_is_refused_without_its_value() {
        assertThatThrownBy(() -> RegistryCredentials.of(Secret.of("robot", "just-a-token-s3cret"), HOST))
                .hasMessageContaining("secret 'robot' is neither user:password nor a docker config JSON")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> RegistryCredentials.of(Secret.of("robot", "{\"auths\": {\"other.example\": {\"auth\": "
                + "\"s3cret\"}}}"), HOST))
                .hasMessageContaining("without an entry for " + HOST).hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> RegistryCredentials.of(Secret.of("robot", "{not json s3cret"), HOST))
                .hasMessageContaining("not valid JSON").hasMessageNotContaining("s3cret");
    }
}
