package nl.logius.platformacceptance.bundle;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A DSSE envelope (<a href="https://github.com/secure-systems-lab/dsse">Dead Simple Signing Envelope</a>), as
 * {@code bundle.dsse.json}: the payload in base64 and its signatures. What is signed is not the payload alone
 * but {@link #preAuthenticationEncoding(String, byte[]) PAE(payloadType, payload)}, so that a signature cannot
 * be moved to a payload of another type.
 *
 * @param payloadType {@value #IN_TOTO_PAYLOAD_TYPE} for an in-toto Statement
 * @param payload     the payload bytes in standard base64
 * @param signatures  one per key; {@code sig} in standard base64
 */
public record DsseEnvelope(String payloadType, String payload, List<Signature> signatures) {

    public static final String IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

    public DsseEnvelope {
        signatures = List.copyOf(signatures);
    }

    /** One signature and the id of the key that made it. */
    public record Signature(String keyid, String sig) {
    }

    public static DsseEnvelope sign(String payloadType, byte[] payload, SigningKey key) {
        byte[] signature = key.sign(preAuthenticationEncoding(payloadType, payload));
        return new DsseEnvelope(payloadType, Base64.getEncoder().encodeToString(payload),
                List.of(new Signature(key.keyId(), Base64.getEncoder().encodeToString(signature))));
    }

    /**
     * {@code "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body}, lengths in ASCII decimal bytes: what
     * {@code printf 'DSSEv1 %d %s %d ' ...; cat payload} builds in a shell.
     */
    public static byte[] preAuthenticationEncoding(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        byte[] header = ("DSSEv1 " + type.length + " " + payloadType + " " + payload.length + " ").getBytes(StandardCharsets.UTF_8);
        byte[] pae = new byte[header.length + payload.length];
        System.arraycopy(header, 0, pae, 0, header.length);
        System.arraycopy(payload, 0, pae, header.length, payload.length);
        return pae;
    }

    public byte[] payloadBytes() {
        return Base64.getDecoder().decode(payload);
    }
}
