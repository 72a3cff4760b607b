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
import java.util.stream.Stream;

/**
 * Builds the probe image on the local engine, once per probe version: an image whose tag (a hash of the
 * probe's classes and runtime) already exists is reused, which is what makes a warm run fast. Images are a
 * cache shared by runs, so they carry no run labels and are not swept.
 */
final class ProbeImages {

    private static final Logger LOG = LoggerFactory.getLogger(ProbeImages.class);

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
