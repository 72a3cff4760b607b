package nl.logius.platformacceptance.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import nl.logius.platformacceptance.json.Mappers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code manifest.json}: every file of a run folder with its SHA-256 and size, in byte order of the paths
 * (as {@code LC_ALL=C sort} orders them), except the seal files at the folder's top, which cannot list
 * themselves. {@link #sha256sums()} is the same list in {@code sha256sum} format ({@code manifest.sha256}),
 * so that {@code sha256sum -c manifest.sha256} checks the folder without the harness.
 *
 * @param format   {@value #FORMAT}
 * @param runId    the run (or calibration) the folder belongs to
 * @param excluded the top-level seal files the manifest does not list, by design
 * @param files    every other regular file, with paths relative to the folder and {@code /} as separator
 */
public record Manifest(String format, String runId, String algorithm, List<String> excluded, List<Entry> files) {

    public static final String FORMAT = "platform-acceptance-manifest/v1";

    public Manifest {
        excluded = List.copyOf(excluded);
        files = List.copyOf(files);
    }

    /** One file: its path relative to the run folder, its SHA-256 in hex and its size in bytes. */
    public record Entry(String path, String sha256, long size) {
    }

    /** Lists and hashes every file of {@code folder} but the top-level {@code excluded} ones. */
    public static Manifest of(Path folder, String runId, Set<String> excluded) {
        List<Entry> entries = new ArrayList<>();
        for (String path : filesOf(folder)) {
            if (excluded.contains(path)) {
                continue;
            }
            Path file = folder.resolve(path);
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalStateException(file + " is not a regular file; a run folder holds only regular files");
            }
            if (path.contains("\n") || path.contains("\\")) {
                throw new IllegalStateException(file + ": a path with a newline or backslash cannot be listed in sha256sum format");
            }
            try {
                entries.add(new Entry(path, Sha256.of(file), Files.size(file)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return new Manifest(FORMAT, runId, "sha256", excluded.stream().sorted().toList(), entries);
    }

    /**
     * Every path under {@code folder} that is not a directory (regular files, and links or other kinds that
     * a verifier reports), relative, with {@code /}, in byte order.
     */
    public static List<String> filesOf(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> folder.relativize(p).toString().replace(java.io.File.separatorChar, '/'))
                    .sorted(Comparator.naturalOrder())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    /** The list in {@code sha256sum} format: {@code <hex>  <path>} per line. */
    public String sha256sums() {
        StringBuilder text = new StringBuilder();
        for (Entry entry : files) {
            text.append(entry.sha256()).append("  ").append(entry.path()).append('\n');
        }
        return text.toString();
    }

    public String toJson() {
        try {
            return Mappers.JSON.writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the manifest", e);
        }
    }

    public static Manifest parse(String json) throws JsonProcessingException {
        Manifest manifest = Mappers.JSON.readValue(json, Manifest.class);
        if (!FORMAT.equals(manifest.format()) || manifest.files() == null) {
            throw new IllegalArgumentException("not a " + FORMAT + " manifest");
        }
        return manifest;
    }
}
