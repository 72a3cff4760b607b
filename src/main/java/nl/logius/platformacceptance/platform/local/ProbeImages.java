package nl.logius.platformacceptance.platform.local;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.probe.ProbeImageContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.github.dockerjava.api.command.BuildImageResultCallback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
    /** A cold build takes some 15 s on an idle machine; on a loaded one, some minutes. */
    static final Duration BUILD_DEADLINE = Duration.ofMinutes(5);
    static final String BUILD_FOLDER_PREFIX = "platform-acceptance-probe-build-pid";

    private ProbeImages() {
    }

    static synchronized String ensure(DockerClient docker) {
        ProbeImageContext context = ProbeImageContext.current();
        String image = context.imageName() + variantSuffix();
        if (exists(docker, image)) {
            return image;
        }
        LOG.info("building the probe image {} (once per probe version, about 15 s)", image);
        Path dir = null;
        try {
            // The folder names this process, so that a run killed mid-build leaves a folder the next run can sweep.
            dir = Files.createTempDirectory(BUILD_FOLDER_PREFIX + ProcessHandle.current().pid() + "-");
            context.writeRootfs(dir);
            Path dockerfile = Files.writeString(dir.resolve("Dockerfile"), withVariant(context.dockerfile()));
            build(dir, dockerfile, image);
            return image;
        } catch (IOException e) {
            throw new PlatformException("cannot build the probe image: " + e.getMessage(), e);
        } catch (PlatformException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PlatformException("cannot build the probe image: " + DockerCalls.rootCause(e), e);
        } finally {
            TemporaryFolders.deleteQuietly(dir);
        }
    }

    /**
     * The image of one probe version: {@code <base>-v<version>}, built {@code FROM} the base image with the
     * version as an environment variable, so that the version is a property of the image (as an image tag is
     * on Kubernetes) and the probe's identity reports it. Building it only adds metadata: well under a
     * second, once per probe build and version.
     *
     * <p>Built like the probe image, with a deadline and without pulling: the engine uses the local base image.
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
        Path dir = null;
        try {
            dir = Files.createTempDirectory(BUILD_FOLDER_PREFIX + ProcessHandle.current().pid() + "-");
            Path dockerfile = Files.writeString(dir.resolve("Dockerfile"), versionDockerfile(baseImage, version));
            build(dir, dockerfile, image);
            return image;
        } catch (IOException e) {
            throw new PlatformException("cannot build probe version " + version + ": " + e.getMessage(), e);
        } finally {
            TemporaryFolders.deleteQuietly(dir);
        }
    }

    static String versionDockerfile(String baseImage, String version) {
        return String.join("\n",
                "FROM " + baseImage,
                "ENV PROBE_VERSION=" + version,
                "LABEL platform-acceptance.probe-version=" + version,
                "");
    }

    /**
     * Builds with the harness's own engine client, within {@link #BUILD_DEADLINE}; the engine tags the image
     * only when every step succeeded, so a build that was cut off (a killed run) leaves no usable-looking tag.
     * Nothing is pulled: the probe image is {@code FROM scratch}.
     */
    private static void build(Path context, Path dockerfile, String image) {
        DockerCalls.run("build the probe image " + image, BUILD_DEADLINE.plusSeconds(30), () -> {
            try (BuildResult build = EngineConnection.buildClient().buildImageCmd()
                    .withBaseDirectory(context.toFile())
                    .withDockerfile(dockerfile.toFile())
                    .withTags(Set.of(image))
                    .withPull(false)
                    .withForcerm(true)
                    .exec(new BuildResult())) {
                long deadline = System.nanoTime() + BUILD_DEADLINE.toNanos();
                // In slices, asking between them whether the engine still answers: a hung engine ends the build early.
                while (!build.finished.await(2, TimeUnit.SECONDS)) {
                    if (System.nanoTime() > deadline) {
                        throw new PlatformException("building the probe image " + image + " did not finish within "
                                + BUILD_DEADLINE.toMinutes() + " min");
                    }
                    EngineHealth.requireAvailable("build the probe image " + image);
                }
                build.awaitImageId();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformException("interrupted while building the probe image " + image, e);
            }
        });
    }

    /**
     * The build's progress, with a completion of its own to wait on in slices: docker-java's timed
     * {@code awaitCompletion} (3.7) closes the stream when it returns, so a build that outlived the first
     * slice was cut off ("Could not build image") and its image never tagged.
     */
    private static final class BuildResult extends BuildImageResultCallback {
        final CountDownLatch finished = new CountDownLatch(1);

        @Override
        public void onComplete() {
            try {
                super.onComplete();
            } finally {
                finished.countDown();
            }
        }

        @Override
        public void onError(Throwable error) {
            try {
                super.onError(error);
            } finally {
                finished.countDown();
            }
        }
    }

    /**
     * {@code -Dplatform-acceptance.probe-image-variant=NAME} gives the probe image a tag of its own
     * ({@code <hash>-NAME}), so that a test can build (and kill, and remove) an image that no other run uses.
     */
    static String variantSuffix() {
        String variant = System.getProperty("platform-acceptance.probe-image-variant", "").strip();
        return variant.isEmpty() ? "" : "-" + variant.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /**
     * A variant's image shares no build step with any other image (its label comes right after {@code FROM}),
     * so that no other build reuses its layers and it can be removed without touching anyone else's.
     */
    static String withVariant(String dockerfile) {
        String suffix = variantSuffix();
        if (suffix.isEmpty()) {
            return dockerfile;
        }
        int firstLineEnd = dockerfile.indexOf('\n');
        return dockerfile.substring(0, firstLineEnd + 1) + "LABEL platform-acceptance.image-variant=" + suffix.substring(1)
                + "\n" + dockerfile.substring(firstLineEnd + 1);
    }

    /**
     * Removes the build folders of processes that are gone (a run killed while it built the image leaves its
     * runtime copy of some 60 MB in the temporary folder).
     *
     * @return how many folders were removed
     */
    static int sweepBuildFolders() {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        int removed = 0;
        try (Stream<Path> entries = Files.list(temp)) {
            for (Path folder : entries.filter(Files::isDirectory).toList()) {
                String name = folder.getFileName().toString();
                if (!name.startsWith(BUILD_FOLDER_PREFIX)) {
                    continue;
                }
                String pid = name.substring(BUILD_FOLDER_PREFIX.length()).split("-")[0];
                if (pid.matches("\\d+") && ProcessHandle.of(Long.parseLong(pid)).map(p -> !p.isAlive()).orElse(true)) {
                    TemporaryFolders.deleteQuietly(folder);
                    removed++;
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot list {} for build folders of killed runs", temp, e);
        }
        return removed;
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

}
