package nl.logius.platformacceptance.bundle;

import nl.logius.platformacceptance.input.Located;
import nl.logius.platformacceptance.input.StrictYaml;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator keys an auditor trusts to seal run folders, by name: {@code verify --trusted-keys FILE} says which
 * of them sealed a folder, or that none did; {@code report} and {@code run} show it per run in the overview.
 * The file is read as strictly as the register; every problem is bad input at its {@code file:line:column}:
 * <pre>{@code
 * keys:
 *   - name: acceptance team
 *     publicKey: op.pub.pem          # relative to this file; openssl pkey -in op.key -pubout -out op.pub.pem
 * }</pre>
 *
 * @param source the file the keys were read from
 */
public record TrustedKeys(Path source, List<Key> keys) {

    /** Far above a PEM Ed25519 public key (113 bytes), far below anything that is not one. */
    private static final long MAX_PEM_BYTES = 64 * 1024;

    public TrustedKeys {
        keys = List.copyOf(keys);
    }

    /** A trusted key: who holds it, and its public half. */
    public record Key(String name, PublicKey publicKey, String keyId, Path file) {
    }

    public static TrustedKeys load(Path file) {
        TrustedKeysYaml yaml = StrictYaml.read(file, TrustedKeysYaml.class);
        if (yaml.keys().value().isEmpty()) {
            throw yaml.keys().problem("no keys; expected at least one {name: ..., publicKey: FILE}");
        }
        Path folder = file.toAbsolutePath().getParent();
        Map<String, Located<?>> names = new HashMap<>();
        Map<String, Located<?>> ids = new HashMap<>();
        List<Key> keys = new ArrayList<>();
        for (Located<TrustedKeysYaml.KeyYaml> entry : yaml.keys().value()) {
            Located<String> name = entry.value().name();
            String strippedName = name.value().strip();
            Located<?> first = names.putIfAbsent(strippedName, name);
            if (first != null) {
                throw name.problem("duplicate name '" + strippedName + "' (first at " + first.position() + "); expected each holder once");
            }
            Located<String> publicKey = entry.value().publicKey();
            Path keyFile = folder.resolve(publicKey.value().strip()).normalize();
            PublicKey key = read(keyFile, publicKey);
            String keyId = Ed25519.keyId(key);
            first = ids.putIfAbsent(keyId, publicKey);
            if (first != null) {
                throw publicKey.problem("the same key as at " + first.position() + " (id " + keyId + "); expected each key once");
            }
            keys.add(new Key(strippedName, key, keyId, keyFile));
        }
        return new TrustedKeys(file, keys);
    }

    private static PublicKey read(Path keyFile, Located<String> where) {
        if (!Files.isRegularFile(keyFile)) {
            throw where.problem((Files.isDirectory(keyFile) ? "a folder" : Files.exists(keyFile) ? "not a regular file" : "no such file")
                    + ": " + keyFile + "; expected an Ed25519 public key in PEM (openssl pkey -in KEY -pubout), relative to this file");
        }
        try {
            if (Files.size(keyFile) > MAX_PEM_BYTES) {
                throw where.problem("too large for a key: " + keyFile + "; expected an Ed25519 public key in PEM");
            }
            return Ed25519.publicKeyFromPem(Files.readString(keyFile, StandardCharsets.ISO_8859_1));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw where.problem("not an Ed25519 public key: " + keyFile + " (" + e.getMessage() + "); expected a PEM 'PUBLIC KEY'"
                    + " (openssl pkey -in KEY -pubout)");
        }
    }

    /** The trusted key with this id, if any. */
    public Optional<Key> byId(String keyId) {
        return keys.stream().filter(k -> k.keyId().equals(keyId)).findFirst();
    }
}
