package nl.logius.platformacceptance.bundle;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class DsseEnvelopeTest {

    /** The example of the DSSE protocol: PAE("http://example.com/HelloWorld", "hello world"). */
    @Test
    void pre_authentication_encoding_is_the_one_of_the_dsse_protocol() {
        byte[] pae = DsseEnvelope.preAuthenticationEncoding("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(pae, StandardCharsets.UTF_8)).isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
    }

    @Test
    void signs_the_encoding_not_the_payload_alone() {
        SigningKey key = SigningKey.generateEphemeral();
        byte[] payload = "{}".getBytes(StandardCharsets.UTF_8);
        DsseEnvelope envelope = DsseEnvelope.sign(DsseEnvelope.IN_TOTO_PAYLOAD_TYPE, payload, key);
        byte[] signature = java.util.Base64.getDecoder().decode(envelope.signatures().get(0).sig());
        assertThat(Ed25519.verify(key.publicKey(), DsseEnvelope.preAuthenticationEncoding(envelope.payloadType(), payload), signature)).isTrue();
        assertThat(Ed25519.verify(key.publicKey(), payload, signature)).isFalse();
        assertThat(envelope.signatures().get(0).keyid()).isEqualTo(key.keyId());
    }
}
