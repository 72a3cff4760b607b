package nl.logius.platformacceptance.runfolder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Which harness ran: its version (from the build) and the git commit of its sources (with {@code -dirty}
 * when the working tree had changes), for the provenance of every run.
 *
 * @param home the project folder (the launcher passes it as {@code -Dplatform-acceptance.home})
 */
public record HarnessInfo(String version, String commit, Path home) {

    public static HarnessInfo current() {
        Path home = projectHome();
        return new HarnessInfo(readVersion(), commit(home), home);
    }

    /** The project folder: where the register, the targets and the default reports folder live. */
    public static Path projectHome() {
        return Path.of(System.getProperty("platform-acceptance.home", ".")).toAbsolutePath().normalize();
    }

    private static String readVersion() {
        try (InputStream in = HarnessInfo.class.getResourceAsStream("/platform-acceptance.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String commit(Path home) {
        // .git is a folder in a clone and a file in a worktree (git worktree add)
        if (!Files.exists(home.resolve(".git"))) {
            return "unknown (not a git checkout)";
        }
        String head = git(home, "rev-parse", "HEAD");
        if (head == null || head.isEmpty()) {
            return "unknown";
        }
        String status = git(home, "status", "--porcelain", "--untracked-files=no");
        return status == null || status.isEmpty() ? head : head + "-dirty";
    }

    private static String git(Path home, String... args) {
        String[] command = new String[args.length + 3];
        command[0] = "git";
        command[1] = "-C";
        command[2] = home.toString();
        System.arraycopy(args, 0, command, 3, args.length);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return null;
            }
            return output;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
