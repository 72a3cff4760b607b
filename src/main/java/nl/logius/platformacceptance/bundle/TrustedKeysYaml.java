package nl.logius.platformacceptance.bundle;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import nl.logius.platformacceptance.input.Located;
import nl.logius.platformacceptance.input.Required;

import java.util.List;

/** The shape of a trusted-keys file, as read by {@link nl.logius.platformacceptance.input.StrictYaml}. */
record TrustedKeysYaml(
        @Required @JsonPropertyDescription("a list of trusted keys, each {name: ..., publicKey: FILE}")
        Located<List<Located<KeyYaml>>> keys) {

    record KeyYaml(
            @Required @JsonPropertyDescription("who holds the key, in words, e.g. \"acceptance team\"") Located<String> name,
            @Required @JsonPropertyDescription("the Ed25519 public key (PEM), a path relative to this file") Located<String> publicKey) {
    }
}
