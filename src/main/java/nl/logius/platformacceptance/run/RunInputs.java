package nl.logius.platformacceptance.run;

import nl.logius.platformacceptance.input.BadInputException;
import nl.logius.platformacceptance.target.Secret;
import nl.logius.platformacceptance.target.SecretRef;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What only a run needs beyond {@link Runner#plan}, checked before the run folder or the platform exist:
 * every secret of the target can be read (a profile validates without them, a run cannot measure without
 * them), and the output folder can hold run folders. A problem is bad input, exit 2, at the secret's
 * {@code file:line:column} or the argument.
 */
public final class RunInputs {

    private RunInputs() {
    }

    static void check(Runner.Plan plan, RunOptions options) {
        for (SecretRef secret : plan.target().secrets().values()) {
            try {
                Secret.resolve(secret);
            } catch (IllegalStateException e) {
                throw new BadInputException(secret.declaredAt() != null ? secret.declaredAt() : String.valueOf(plan.target().source()),
                        e.getMessage());
            }
        }
        outputRoot(options.outputRoot());
    }

    /**
     * The folder itself, or the nearest folder above it that exists, must be a folder, and a file must be
     * creatable in it (the folder is created when absent; the test file is removed at once): a run that could
     * not write its evidence must not start.
     */
    public static void outputRoot(Path root) {
        nearestExistingIsAFolder(root);
        try {
            Files.createDirectories(root);
            Files.delete(Files.createTempFile(root, ".writable-", ""));
        } catch (IOException | UnsupportedOperationException e) {
            throw BadInputException.argument("--out " + root, "cannot write there (" + reason(e) + "); expected a writable"
                    + " folder to hold the run folders (it is created when absent)");
        }
    }

    private static String reason(Exception e) {
        return e instanceof AccessDeniedException ? "permission denied"
                : e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static void nearestExistingIsAFolder(Path root) {
        for (Path existing = root.toAbsolutePath(); existing != null; existing = existing.getParent()) {
            if (Files.isDirectory(existing)) {
                return;
            }
            if (Files.exists(existing)) {
                throw BadInputException.argument("--out " + root, existing.equals(root.toAbsolutePath())
                        ? "is not a folder; expected a folder to hold the run folders (it is created when absent)"
                        : existing + " is not a folder; expected a path whose existing part is a folder");
            }
        }
    }
}
