package nl.logius.platformacceptance.probe;

import com.fasterxml.jackson.databind.JsonNode;
import nl.logius.platformacceptance.json.Mappers;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An OCI image layout tarball that {@code docker load} reads too: Jib's OCI tarball ({@code oci-layout},
 * {@code index.json}, {@code blobs/sha256/...}) with a Docker archive's {@code manifest.json} beside it that points
 * at the same blobs, as {@code docker save} of Docker 25 writes them. One file serves both an OCI tool (skopeo,
 * crane, a registry's import) and this machine's Docker 20.10 engine, which reads only {@code manifest.json}; the
 * engine's image id is then the OCI configuration's digest.
 *
 * <pre>{@code
 * LoadableTarball.write(jibOciTar, out, List.of("localhost/platform-acceptance/probe:3f2a..."));
 * }</pre>
 */
public final class LoadableTarball {

    static final String DOCKER_MANIFEST = "manifest.json";
    private static final String BLOBS = "blobs/sha256/";

    private LoadableTarball() {
    }

    /**
     * Copies the OCI layout tarball {@code ociLayout} to {@code out} and adds {@code manifest.json} naming the image
     * {@code repoTags} (the names {@code docker load} tags it with).
     */
    static void write(Path ociLayout, Path out, List<String> repoTags) throws IOException {
        Path partial = out.resolveSibling(out.getFileName() + ".partial");
        try {
            copyWithManifest(ociLayout, partial, repoTags);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial); // it may stand in the user's folder (publish-probe --to-tar)
            throw e;
        }
        // Only a whole file gets the name asked for: a build cut off leaves no broken image.
        Files.move(partial, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static void copyWithManifest(Path ociLayout, Path partial, List<String> repoTags) throws IOException {
        Map<String, byte[]> small = new HashMap<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(ociLayout));
             TarArchiveInputStream tar = new TarArchiveInputStream(in);
             OutputStream file = new BufferedOutputStream(Files.newOutputStream(partial));
             TarArchiveOutputStream copy = new TarArchiveOutputStream(file)) {
            copy.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                copy.putArchiveEntry(entry);
                if (entry.getSize() <= 64 * 1024) {
                    // index.json, manifests and the configuration: read again below to find the blobs' roles
                    byte[] content = tar.readAllBytes();
                    small.put(entry.getName(), content);
                    copy.write(content);
                } else {
                    tar.transferTo(copy);
                }
                copy.closeArchiveEntry();
            }
            byte[] manifest = dockerManifest(small, repoTags);
            TarArchiveEntry entry = new TarArchiveEntry(DOCKER_MANIFEST);
            entry.setSize(manifest.length);
            entry.setModTime(0);
            copy.putArchiveEntry(entry);
            copy.write(manifest);
            copy.closeArchiveEntry();
        }
    }

    /** {@code [{"Config": "blobs/sha256/<c>", "RepoTags": [...], "Layers": ["blobs/sha256/<l1>", ...]}]}. */
    private static byte[] dockerManifest(Map<String, byte[]> small, List<String> repoTags) throws IOException {
        byte[] index = small.get("index.json");
        if (index == null) {
            throw new IOException("not an OCI image layout: no index.json");
        }
        JsonNode manifests = Mappers.JSON.readTree(index).path("manifests");
        if (manifests.size() != 1) {
            throw new IOException("expected one image in the OCI layout, found " + manifests.size());
        }
        String manifestPath = blobPath(manifests.get(0).path("digest").asText());
        byte[] manifestBytes = small.get(manifestPath);
        if (manifestBytes == null) {
            throw new IOException("the OCI layout lacks its manifest " + manifestPath);
        }
        JsonNode manifest = Mappers.JSON.readTree(manifestBytes);
        List<String> layers = new ArrayList<>();
        manifest.path("layers").forEach(layer -> layers.add(blobPath(layer.path("digest").asText())));
        Map<String, Object> entry = new java.util.LinkedHashMap<>();
        entry.put("Config", blobPath(manifest.path("config").path("digest").asText()));
        entry.put("RepoTags", repoTags);
        entry.put("Layers", layers);
        return Mappers.JSON.writeValueAsBytes(List.of(entry));
    }

    private static String blobPath(String digest) {
        if (!digest.matches("sha256:[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a sha256 digest: " + digest);
        }
        return BLOBS + digest.substring("sha256:".length());
    }

    /**
     * The tag that carries an image's manifest digest on an engine that loaded it ({@code sha256-<hex>}, as
     * cosign names tags after digests): a loaded image has no repository digest, and the run's provenance needs it.
     */
    public static String digestTag(String digest) {
        return digest.replace(':', '-');
    }

    /** The digest a {@link #digestTag} carries, or null when {@code tag} is not one. */
    public static String digestOfTag(String tag) {
        return tag.matches("sha256-[0-9a-f]{64}") ? tag.replaceFirst("-", ":") : null;
    }
}
