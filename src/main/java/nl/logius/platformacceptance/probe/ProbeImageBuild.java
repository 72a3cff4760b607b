package nl.logius.platformacceptance.probe;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.platform.ProbeImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Builds the probe image without a container engine, with Jib: three layers (the shared libraries and the empty
 * {@code /tmp}, the jlink'ed Java runtime, the probe's classes) and the configuration of {@link ProbeImageContext},
 * in the OCI format. Jib builds reproducibly (fixed timestamps, sorted entries), so the same harness on the same JDK
 * gives the same digests wherever it builds: the image the local platform loads is the image a cluster pulls.
 *
 * <pre>{@code
 * ProbeImageBuild build = ProbeImageBuild.prepare(ProbeImageContext.current(), workFolder);   // jlink: seconds
 * ProbeImage image = build.toTar(workFolder.resolve("probe.tar"), "localhost/platform-acceptance/probe:" + tag);
 * }</pre>
 */
public final class ProbeImageBuild {

    private static final Logger LOG = LoggerFactory.getLogger(ProbeImageBuild.class);
    private static final String TOOL_NAME = "platform-acceptance";

    private final Path rootfs;
    private final Path workFolder;
    private final Map<String, String> labels = new LinkedHashMap<>(ProbeImageContext.LABELS);

    private ProbeImageBuild(Path rootfs, Path workFolder) {
        this.rootfs = rootfs;
        this.workFolder = workFolder;
    }

    /** Assembles the image's files in {@code workFolder} (jlink takes some seconds); nothing is built yet. */
    public static ProbeImageBuild prepare(ProbeImageContext context, Path workFolder) {
        return new ProbeImageBuild(context.writeRootfs(workFolder), workFolder);
    }

    /** One more label in the image's configuration (it changes the digests, not the layers). */
    public ProbeImageBuild withLabel(String name, String value) {
        labels.put(name, value);
        return this;
    }

    /**
     * Writes the image to {@code file} as an OCI image layout tarball that {@code docker load} also reads (see
     * {@link LoadableTarball}), named {@code reference} and, for an engine that must remember the manifest's
     * digest, {@code <repository>:}{@link LoadableTarball#digestTag digest tag}.
     */
    public ProbeImage toTar(Path file, String reference) {
        Path ociLayout = workFolder.resolve("oci-layout.tar");
        try {
            JibContainer built = container().containerize(withCaches(Containerizer.to(TarImage.at(ociLayout).named(reference))));
            ProbeImage image = new ProbeImage(reference, built.getDigest().toString(), built.getImageId().toString());
            LoadableTarball.write(ociLayout, file, List.of(reference, ProbeImage.repository(reference) + ":"
                    + LoadableTarball.digestTag(image.digest())));
            return image;
        } catch (InvalidImageReferenceException e) {
            throw new IllegalArgumentException("not an image reference: " + reference, e);
        } catch (IOException e) {
            throw new PlatformException("cannot write the probe image to " + file + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted while building the probe image", e);
        } catch (ExecutionException | RegistryException | CacheDirectoryCreationException e) {
            throw new PlatformException("cannot build the probe image: " + e.getMessage(), e);
        } finally {
            deleteIfExists(ociLayout);
        }
    }

    /**
     * Builds into {@code target} (a registry image) with the caches in the work folder; every event of Jib goes to
     * {@code events}. What can go wrong with a registry is for the caller to say: the exceptions are Jib's.
     */
    public JibContainer containerize(Containerizer target, Consumer<LogEvent> events)
            throws InterruptedException, RegistryException, IOException, CacheDirectoryCreationException, ExecutionException {
        return container().containerize(withCaches(target).addEventHandler(LogEvent.class, events::accept));
    }

    private Containerizer withCaches(Containerizer containerizer) {
        // Caches inside the work folder: nothing is left in the user's home, and a swept build folder takes them along.
        return containerizer.setApplicationLayersCache(workFolder.resolve("jib-cache"))
                .setBaseImageLayersCache(workFolder.resolve("jib-base-cache"))
                .setToolName(TOOL_NAME)
                .addEventHandler(LogEvent.class, event -> LOG.debug("jib {}: {}", event.getLevel(), event.getMessage()));
    }

    private JibContainerBuilder container() throws IOException {
        return Jib.fromScratch()
                .setFormat(ImageFormat.OCI)
                .setPlatforms(Set.of(new Platform(architecture(), "linux")))
                .setFileEntriesLayers(
                        layer("libraries", rootfs, path -> !path.startsWith(rootfs.resolve("opt"))),
                        layer("java runtime", rootfs.resolve("opt/java"), path -> true),
                        layer("probe classes", rootfs.resolve("opt/probe"), path -> true))
                .setEntrypoint(ProbeImageContext.ENTRYPOINT)
                .setEnvironment(ProbeImageContext.ENVIRONMENT)
                .setLabels(labels)
                .setUser(ProbeImageContext.USER);
    }

    /**
     * The files under {@code folder} that {@code included} accepts, at the same path in the image, with the
     * permissions they have here (the runtime's binaries must stay executable) and Jib's fixed timestamp.
     */
    private FileEntriesLayer layer(String name, Path folder, java.util.function.Predicate<Path> included) throws IOException {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted().filter(included).filter(path -> !path.equals(rootfs)).toList()) {
                AbsoluteUnixPath inImage = AbsoluteUnixPath.get("/" + rootfs.relativize(path).toString().replace('\\', '/'));
                layer.addEntry(path, inImage, FilePermissions.fromPosixFilePermissions(Files.getPosixFilePermissions(path)));
            }
        }
        return layer.build();
    }

    /** The image's architecture in OCI's words: the probe's runtime is this machine's. */
    static String architecture() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
    }

    private static void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("cannot remove {}; the build folder goes with it", file, e);
        }
    }
}
