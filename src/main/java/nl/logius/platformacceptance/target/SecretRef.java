package nl.logius.platformacceptance.target;

import java.nio.file.Path;

/**
 * Where a target's secret comes from: an environment variable or a file, never the profile itself.
 * The value is read by {@link Secret#resolve(SecretRef)} at run time and never written to a report.
 *
 * @param name the secret's name in the profile, e.g. {@code api-token}
 * @param env  the environment variable that holds it, or null
 * @param file the file that holds it, or null
 * @param declaredAt where the profile names the source, {@code file:line:column} (for messages), or null
 */
public record SecretRef(String name, String env, Path file, String declaredAt) {

    public SecretRef(String name, String env, Path file) {
        this(name, env, file, null);
    }

    public String describeSource() {
        return env != null ? "environment variable " + env : "file " + file;
    }
}
