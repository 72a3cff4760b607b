package nl.logius.platformacceptance.platform.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The driver's temporary folders (image build contexts, files staged for a container). */
final class TemporaryFolders {

    private TemporaryFolders() {
    }

    /** Removes a folder and everything in it; one left behind is harmless (a killed run's is swept later). */
    static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // nothing more to do: the folder lies in the temporary folder of the machine
        }
    }
}
