package nl.logius.platformacceptance.platform.local;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.platform.ProbeImage;
import nl.logius.platformacceptance.probe.LoadableTarball;
import nl.logius.platformacceptance.probe.ProbeImageBuild;
import nl.logius.platformacceptance.probe.ProbeImageContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Puts the probe image on the local engine, once per probe build: Jib builds it without the engine
 * ({@link ProbeImageBuild}, the same bytes {@code publish-probe} pushes to a cluster's registry) into a tarball,
 * which the engine loads. An image whose tag (a hash of the probe's classes, runtime and configuration) already
 * exists is reused, which is what makes a warm run fast; its second tag ({@code sha256-<hex>}) keeps the
 * manifest's digest for the run's provenance. Each version a workload deploys is an image of its own on top of
 * it ({@link #ensureVersion}). Images are a cache shared by runs, so they carry no run labels and are not swept.
 */
final class ProbeImages {

    private static final Logger LOG = LoggerFactory.getLogger(ProbeImages.class);
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,39}");
    /** A cold build takes some 15 s on an idle machine; on a loaded one, some minutes. */
    static final Duration BUILD_DEADLINE = Duration.ofMinutes(5);
    static final String BUILD_FOLDER_PREFIX = "platform-acceptance-probe-build-pid";
    static final String VARIANT_LABEL = "platform-acceptance.image-variant";

    private ProbeImages() {
    }

    static synchronized ProbeImage ensure(DockerClient docker) {
        ProbeImageContext context = ProbeImageContext.current();
        String image = context.imageName() + variantSuffix();
        Optional<ProbeImage> loaded = loaded(docker, image);
        if (loaded.isPresent()) {
            return loaded.get();
        }
        LOG.info("building the probe image {} with Jib (once per probe version, about 15 s)", image);
        Path dir = null;
        try {
            // The folder names this process, so that a run killed mid-build leaves a folder the next run can sweep.
            dir = Files.createTempDirectory(BUILD_FOLDER_PREFIX + ProcessHandle.current().pid() + "-");
            ProbeImageBuild build = ProbeImageBuild.prepare(context, dir);
            if (!variantSuffix().isEmpty()) {
                build.withLabel(VARIANT_LABEL, variantSuffix().substring(1));
            }
            ProbeImage built = build.toTar(dir.resolve("probe.tar"), image);
            load(dir.resolve("probe.tar"), image);
            String engineId = DockerCalls.call("look up image " + image, () -> docker.inspectImageCmd(image).exec()).getId();
            if (!built.imageId().equals(engineId)) {
                throw new PlatformException("the engine loaded the probe image " + image + " as " + engineId
                        + ", not as the image id the build made (" + built.imageId() + ")");
            }
            return built;
        } catch (IOException e) {
            throw new PlatformException("cannot build the probe image: " + e.getMessage(), e);
        } catch (PlatformException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PlatformException("cannot build the probe image: " + PlatformException.rootCauseOf(e), e);
        } finally {
            TemporaryFolders.deleteQuietly(dir);
        }
    }

    /** The image as the engine has it, with the digest its second tag keeps; empty when it must be built. */
    private static Optional<ProbeImage> loaded(DockerClient docker, String image) {
        InspectImageResponse inspected;
        try {
            inspected = DockerCalls.call("look up image " + image, () -> docker.inspectImageCmd(image).exec());
        } catch (PlatformException e) {
            if (e.getCause() instanceof NotFoundException) {
                return Optional.empty();
            }
            throw e;
        }
        String repository = ProbeImageContext.REPOSITORY + ":";
        return Optional.ofNullable(inspected.getRepoTags()).orElse(List.of()).stream()
                .filter(tag -> tag.startsWith(repository))
                .map(tag -> LoadableTarball.digestOfTag(tag.substring(repository.length())))
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .map(digest -> new ProbeImage(image, digest, inspected.getId()));
    }

    /**
     * Loads the tarball with the client for long calls, within {@link #BUILD_DEADLINE}; the engine tags the image
     * only when the whole tarball was read, so a load that was cut off (a killed run) leaves no usable-looking tag.
     */
    private static void load(Path tar, String image) {
        DockerCalls.run("load the probe image " + image, BUILD_DEADLINE, () -> {
            try (InputStream in = Files.newInputStream(tar)) {
                EngineConnection.buildClient().loadImageCmd(in).exec();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
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
     * Builds a version image with the harness's own engine client, within {@link #BUILD_DEADLINE}; the engine tags
     * the image only when every step succeeded, so a build that was cut off (a killed run) leaves no usable-looking
     * tag. Nothing is pulled: the base is the local probe image.
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
     * ({@code <hash>-NAME}) and a label {@value #VARIANT_LABEL}, so that a test can build (and kill, and remove) an
     * image that no other run uses.
     */
    static String variantSuffix() {
        String variant = System.getProperty("platform-acceptance.probe-image-variant", "").strip();
        return variant.isEmpty() ? "" : "-" + variant.replaceAll("[^A-Za-z0-9_.-]", "_");
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
