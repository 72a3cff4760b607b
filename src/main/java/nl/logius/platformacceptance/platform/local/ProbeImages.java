package nl.logius.platformacceptance.platform.local;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.probe.ProbeImageContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds the probe image on the local engine, once per probe build: an image whose tag (a hash of the
 * probe's classes and runtime) already exists is reused, which is what makes a warm run fast. Each version a
 * workload deploys is an image of its own on top of it ({@link #ensureVersion}). Images are a
 * cache shared by runs, so they carry no run labels and are not swept.
 */
final class ProbeImages {

    private static final Logger LOG = LoggerFactory.getLogger(ProbeImages.class);
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,39}");

    private ProbeImages() {
    }

    static synchronized String ensure(DockerClient docker) {
        ProbeImageContext context = ProbeImageContext.current();
        String image = context.imageName();
        if (exists(docker, image)) {
            return image;
        }
        LOG.info("building the probe image {} (once per probe version, about 15 s)", image);
        Path dir = null;
        try {
            dir = Files.createTempDirectory("platform-acceptance-probe-");
            Path rootfs = context.writeRootfs(dir);
            new ImageFromDockerfile(image, false)
                    .withFileFromString("Dockerfile", context.dockerfile())
                    .withFileFromPath("rootfs", rootfs)
                    .get();
            return image;
        } catch (IOException e) {
            throw new PlatformException("cannot build the probe image: " + e.getMessage(), e);
        } catch (PlatformException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PlatformException("cannot build the probe image: " + DockerCalls.rootCause(e), e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /**
     * The image of one probe version: {@code <base>-v<version>}, built {@code FROM} the base image with the
     * version as an environment variable, so that the version is a property of the image (as an image tag is
     * on Kubernetes) and the probe's identity reports it. Building it only adds metadata: well under a
     * second, once per probe build and version.
     *
     * <p>The Dockerfile is given as a string: only {@code withDockerfile(Path)} makes Testcontainers pre-pull
     * {@code FROM} images, and the engine uses the local base image without pulling.
     */
    static synchronized String ensureVersion(DockerClient docker, String baseImage, String version) {
        if (!VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("a probe version must be an image tag suffix (letters, digits, '.', '_', '-'"
                    + ", at most 40): " + version);
        }
        String image = baseImage + "-v" + version;
        if (exists(docker, image)) {
            return image;
        }
        if (!exists(docker, baseImage)) {
            throw new PlatformException("cannot build probe version " + version + ": its base image " + baseImage
                    + " is not on the engine (and is never pulled)");
        }
        LOG.info("building the probe image {} (version {} of {})", image, version, baseImage);
        try {
            new ImageFromDockerfile(image, false)
                    .withFileFromString("Dockerfile", versionDockerfile(baseImage, version))
                    .get();
            return image;
        } catch (RuntimeException e) {
            throw new PlatformException("cannot build probe version " + version + ": " + DockerCalls.rootCause(e), e);
        }
    }

    static String versionDockerfile(String baseImage, String version) {
        return String.join("\n",
                "FROM " + baseImage,
                "ENV PROBE_VERSION=" + version,
                "LABEL platform-acceptance.probe-version=" + version,
                "");
    }

    private static boolean exists(DockerClient docker, String image) {
        try {
            DockerCalls.call("look up image " + image, () -> docker.inspectImageCmd(image).exec());
            return true;
        } catch (PlatformException e) {
            if (e.getCause() instanceof NotFoundException) {
                return false;
            }
            throw e;
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
