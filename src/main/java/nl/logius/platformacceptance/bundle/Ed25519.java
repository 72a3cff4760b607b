package nl.logius.platformacceptance.bundle;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ed25519 keys in the formats auditors' tools use: PEM ({@code PUBLIC KEY} = X.509 SubjectPublicKeyInfo,
 * {@code PRIVATE KEY} = PKCS#8), and the key id {@code sha256(SubjectPublicKeyInfo DER)} in hex, which
 * {@code openssl pkey -pubin -in KEY -outform DER | sha256sum} reproduces. The JDK signs and verifies
 * Ed25519 itself; it only lacks a way to derive the public key from a private key that came without one
 * (OpenSSL's PKCS#8 files hold only the seed), which {@link #publicKeyOfSeed(byte[])} does after RFC 8032.
 */
public final class Ed25519 {

    /** DER of SubjectPublicKeyInfo for Ed25519 (RFC 8410) up to the 32 key bytes. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    /** DER of a PKCS#8 PrivateKeyInfo for Ed25519 (RFC 8410) up to the 32 seed bytes. */
    static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    private Ed25519() {
    }

    /** The SubjectPublicKeyInfo DER of a 32-byte Ed25519 public key. */
    public static byte[] subjectPublicKeyInfo(byte[] publicKey) {
        if (publicKey.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, not " + publicKey.length);
        }
        byte[] der = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + 32);
        System.arraycopy(publicKey, 0, der, SPKI_PREFIX.length, 32);
        return der;
    }

    public static PublicKey publicKey(byte[] subjectPublicKeyInfo) throws GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(subjectPublicKeyInfo));
    }

    /** Reads a {@code PUBLIC KEY} PEM; {@link GeneralSecurityException} when it is not an Ed25519 key. */
    public static PublicKey publicKeyFromPem(String pem) throws GeneralSecurityException {
        return publicKey(derOf(pem, "PUBLIC KEY"));
    }

    /** The key id of a public key: the SHA-256 of its SubjectPublicKeyInfo DER, in hex. */
    public static String keyId(PublicKey key) {
        return Sha256.of(key.getEncoded());
    }

    public static boolean verify(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** PEM text of a DER block, wrapped at 64 characters as OpenSSL writes it. */
    public static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    /** The DER of the first PEM block of {@code type}; {@link GeneralSecurityException} when there is none. */
    public static byte[] derOf(String pem, String type) throws GeneralSecurityException {
        Matcher matcher = PEM.matcher(pem);
        while (matcher.find()) {
            if (matcher.group(1).equals(type)) {
                try {
                    return Base64.getMimeDecoder().decode(matcher.group(2));
                } catch (IllegalArgumentException e) {
                    throw new GeneralSecurityException("the " + type + " block is not valid base64");
                }
            }
        }
        throw new GeneralSecurityException("no '-----BEGIN " + type + "-----' block");
    }

    // RFC 8032 section 5.1.5, with points in extended coordinates (X, Y, Z, T). Not constant-time: it runs once per key,
    // on the operator's machine, to find the public half of a key file that holds only the seed.
    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    private static final BigInteger D = BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
    private static final BigInteger SQRT_MINUS_ONE = BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);

    /** The 32-byte public key of a 32-byte Ed25519 private key (seed). */
    public static byte[] publicKeyOfSeed(byte[] seed) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("an Ed25519 private key has 32 bytes, not " + seed.length);
        }
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-512").digest(seed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has SHA-512", e);
        }
        byte[] low = Arrays.copyOf(hash, 32);
        low[0] &= (byte) 248;
        low[31] &= 127;
        low[31] |= 64;
        BigInteger scalar = littleEndian(low);
        BigInteger baseY = BigInteger.valueOf(4).multiply(BigInteger.valueOf(5).modInverse(P)).mod(P);
        BigInteger baseX = recoverX(baseY);
        BigInteger[] point = multiply(scalar, new BigInteger[] {baseX, baseY, BigInteger.ONE, baseX.multiply(baseY).mod(P)});
        BigInteger zInverse = point[2].modInverse(P);
        BigInteger x = point[0].multiply(zInverse).mod(P);
        BigInteger y = point[1].multiply(zInverse).mod(P);
        BigInteger encoded = x.testBit(0) ? y.setBit(255) : y;
        return toLittleEndian(encoded);
    }

    private static BigInteger recoverX(BigInteger y) {
        BigInteger y2 = y.multiply(y);
        BigInteger x2 = y2.subtract(BigInteger.ONE).multiply(D.multiply(y2).add(BigInteger.ONE).modInverse(P)).mod(P);
        BigInteger x = x2.modPow(P.add(BigInteger.valueOf(3)).shiftRight(3), P);
        if (!x.multiply(x).subtract(x2).mod(P).equals(BigInteger.ZERO)) {
            x = x.multiply(SQRT_MINUS_ONE).mod(P);
        }
        return x.testBit(0) ? P.subtract(x) : x;
    }

    private static BigInteger[] multiply(BigInteger scalar, BigInteger[] point) {
        BigInteger[] result = {BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO};
        BigInteger[] addend = point;
        for (int bit = 0; bit < scalar.bitLength(); bit++) {
            if (scalar.testBit(bit)) {
                result = add(result, addend);
            }
            addend = add(addend, addend);
        }
        return result;
    }

    private static BigInteger[] add(BigInteger[] p, BigInteger[] q) {
        BigInteger a = p[1].subtract(p[0]).multiply(q[1].subtract(q[0])).mod(P);
        BigInteger b = p[1].add(p[0]).multiply(q[1].add(q[0])).mod(P);
        BigInteger c = BigInteger.TWO.multiply(p[3]).multiply(q[3]).multiply(D).mod(P);
        BigInteger d = BigInteger.TWO.multiply(p[2]).multiply(q[2]).mod(P);
        BigInteger e = b.subtract(a);
        BigInteger f = d.subtract(c);
        BigInteger g = d.add(c);
        BigInteger h = b.add(a);
        return new BigInteger[] {e.multiply(f).mod(P), g.multiply(h).mod(P), f.multiply(g).mod(P), e.multiply(h).mod(P)};
    }

    private static BigInteger littleEndian(byte[] bytes) {
        byte[] bigEndian = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            bigEndian[i] = bytes[bytes.length - 1 - i];
        }
        return new BigInteger(1, bigEndian);
    }

    private static byte[] toLittleEndian(BigInteger value) {
        byte[] bigEndian = value.toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < 32 && i < bigEndian.length; i++) {
            out[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return out;
    }
}
