package nl.logius.platformacceptance.target;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * A secret value read from the environment or a file. {@link #toString()} never shows the value, so
 * that a secret that reaches a log or a report by accident shows as {@code ****}.
 */
public final class Secret {

    private final String name;
    private final String value;

    private Secret(String name, String value) {
        this.name = name;
        this.value = value;
    }

    public static Secret of(String name, String value) {
        return new Secret(name, value);
    }

    /** Reads the secret; an absent variable or an unreadable file is an {@link IllegalStateException}. */
    public static Secret resolve(SecretRef ref) {
        if (ref.env() != null) {
            String value = System.getenv(ref.env());
            if (value == null || value.isEmpty()) {
                throw new IllegalStateException("secret '" + ref.name() + "': environment variable " + ref.env()
                        + " is not set; expected it to hold the secret");
            }
            return new Secret(ref.name(), value);
        }
        if (!Files.isRegularFile(ref.file())) {
            // Not only "missing": a FIFO or a device would block or never end when read.
            throw new IllegalStateException("secret '" + ref.name() + "': " + ref.file()
                    + (Files.exists(ref.file()) ? " is not a regular file" : " does not exist")
                    + "; expected a readable file holding the secret");
        }
        try {
            String value = Files.readString(ref.file(), StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new IllegalStateException("secret '" + ref.name() + "': " + ref.file() + " is empty; expected it "
                        + "to hold the secret");
            }
            return new Secret(ref.name(), value);
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("secret '" + ref.name() + "': " + ref.file() + " is not UTF-8 text; expected"
                    + " a file holding the secret as text (a binary key is given base64-encoded)");
        } catch (IOException e) {
            throw new IllegalStateException("secret '" + ref.name() + "': cannot read " + ref.file() + " ("
                    + e.getClass().getSimpleName() + "); expected a readable file holding the secret");
        }
    }

    public String name() {
        return name;
    }

    /** The value; only for the code that authenticates with it. */
    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return name + "=****";
    }
}
