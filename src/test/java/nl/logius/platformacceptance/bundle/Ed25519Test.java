package nl.logius.platformacceptance.bundle;

import nl.logius.platformacceptance.input.BadInputException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Ed25519Test {

    /** RFC 8032 section 7.1, test 1. */
    @Test
    void derives_the_public_key_of_the_rfc_8032_test_vector() {
        byte[] seed = HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        assertThat(HexFormat.of().formatHex(Ed25519.publicKeyOfSeed(seed)))
                .isEqualTo("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    }

    @Test
    void reads_an_openssl_pkcs8_key_that_holds_only_the_seed_and_signs_with_it() throws Exception {
        // openssl genpkey -algorithm ed25519 (a key made for this test only)
        String pem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEICqcAx3qAMlpCG6qWfmwm80Gcqfb/f9DNjXfvNCk0XkM\n-----END PRIVATE KEY-----\n";
        SigningKey key = SigningKey.fromPem(pem, "test", "test key");
        // openssl pkey -pubin -in pub.pem -outform DER | sha256sum
        assertThat(key.keyId()).isEqualTo("7bad93a741fd4d4f5b64d6cc3f18b072cd119b07b4ca796d7b16c5dd3ca0e060");
        byte[] message = "sealed".getBytes(StandardCharsets.US_ASCII);
        assertThat(Ed25519.verify(Ed25519.publicKeyFromPem(key.publicKeyPem()), message, key.sign(message))).isTrue();
        assertThat(key.ephemeral()).isFalse();
        assertThat(key.toString()).doesNotContain("MC4CAQAw");
    }

    @Test
    void a_generated_key_round_trips_through_the_pipe_format() {
        SigningKey ephemeral = SigningKey.generateEphemeral();
        java.io.ByteArrayOutputStream pipe = new java.io.ByteArrayOutputStream();
        try {
            ephemeral.writePrivateKeyTo(pipe);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        SigningKey received = SigningKey.read(new java.io.ByteArrayInputStream(pipe.toByteArray()), "--signing-key -");
        assertThat(received.keyId()).isEqualTo(ephemeral.keyId());
        assertThat(ephemeral.ephemeral()).isTrue();
    }

    @Test
    void refuses_what_is_not_an_ed25519_private_key() {
        assertThatThrownBy(() -> SigningKey.fromPem("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAuEx62CUdilfwxDOlmVSiWutJ6w0g0NkmsV2a/kC4E7I=\n-----END PUBLIC KEY-----\n",
                "--signing-key k.pem", "x"))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("--signing-key k.pem: not an Ed25519 private key")
                .hasMessageContaining("openssl genpkey -algorithm ed25519");
        assertThatThrownBy(() -> SigningKey.load(java.nio.file.Path.of("/nonexistent/key.pem"), "--signing-key /nonexistent/key.pem"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no such file");
    }

    @Test
    void without_an_operator_key_a_run_says_it_seals_with_an_ephemeral_one() {
        SigningKey key = SigningKey.resolve(null, java.util.Map.of());
        assertThat(key.ephemeral()).isTrue();
        assertThat(key.announcement()).hasValueSatisfying(line -> assertThat(line).contains("ephemeral key").contains("integrity, not origin"));
    }
}
