package nl.logius.platformacceptance.cli;

import nl.logius.platformacceptance.input.BadInputException;
import nl.logius.platformacceptance.json.Mappers;
import nl.logius.platformacceptance.platform.ProbeImage;
import nl.logius.platformacceptance.probe.ProbeImageBuild;
import nl.logius.platformacceptance.probe.ProbeImageContext;
import nl.logius.platformacceptance.probe.ProbePublisher;
import nl.logius.platformacceptance.probe.PublishException;
import nl.logius.platformacceptance.probe.RegistryConnection;
import nl.logius.platformacceptance.probe.RegistryCredentials;
import nl.logius.platformacceptance.register.RegisterLoader;
import nl.logius.platformacceptance.run.RunOptions;
import nl.logius.platformacceptance.runfolder.HarnessInfo;
import nl.logius.platformacceptance.target.Secret;
import nl.logius.platformacceptance.target.SecretRef;
import nl.logius.platformacceptance.target.Target;
import nl.logius.platformacceptance.target.TargetLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code publish-probe --target T [--to-tar FILE] [--record FILE]}: the probe image, built with Jib without a Docker
 * engine, pushed to the registry the target names (or written as an OCI tarball), with its digest printed and
 * recorded. Exit 0 published and read back by digest (or written); 1 the registry holds other bytes than were built
 * (digest mismatch); 2 bad input, nothing built or pushed; 3 the registry could not be reached or refused
 * (connection, TLS trust, credentials), nothing published.
 */
@Command(name = "publish-probe", mixinStandardHelpOptions = true,
        description = {"Builds the probe image with Jib (no Docker engine needed) and pushes it to the registry of the target"
                + " profile (registry:, with its caBundle, its credentials from secrets: and the profile's proxy:), then reads"
                + " it back by digest. Prints host/repository@sha256:... for the profile's probeImage and records it in a"
                + " JSON file (default reports/probe-images/<target>-<time>.json).",
                "--to-tar FILE writes the same image as an OCI image layout tarball (docker load reads it too) instead.",
                "Exit 0 published, 1 the registry serves other bytes than were built, 2 bad input, 3 registry not reached"
                        + " or refused (connection, TLS, credentials)."})
final class PublishProbeCommand implements Callable<Integer> {

    static final int EXIT_DIGEST_MISMATCH = 1;
    static final int EXIT_REGISTRY_UNAVAILABLE = 3;
    private static final DateTimeFormatter RECORD_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Option(names = "--target", paramLabel = "FILE", description = "the target profile with a registry: section")
    Path target;

    @Option(names = "--to-tar", paramLabel = "FILE", description = "write an OCI tarball instead of pushing (a new file)")
    Path tarball;

    @Option(names = "--record", paramLabel = "FILE", description = "where to record the digest (a new JSON file; default"
            + " reports/probe-images/<target>-<time>.json)")
    Path record;

    @Override
    public Integer call() {
        if (target == null && tarball == null) {
            throw BadInputException.argument("--target", "no target given; expected --target FILE naming a profile with a"
                    + " registry: section, or --to-tar FILE");
        }
        Target profile = target == null ? null
                : TargetLoader.load(target, RegisterLoader.load(HarnessInfo.projectHome().resolve("suites/knelpunten.yaml")));
        Instant startedAt = Instant.now();
        Path recordFile = record != null ? record : RunOptions.defaults().outputRoot().resolve("probe-images")
                .resolve((profile == null ? "tarball" : profile.name()) + "-" + RECORD_TIME.format(startedAt) + ".json");
        requireNewFile(recordFile, "--record");
        if (tarball != null) {
            requireNewFile(tarball, "--to-tar");
        }
        RegistryConnection connection = null;
        RegistryCredentials credentials = null;
        if (tarball == null) {
            Target.Registry registry = profile.registry();
            if (registry == null) {
                throw BadInputException.inFile(profile.source(), "target " + profile.name() + " has no registry: section; "
                        + "expected registry: {host, repository, caBundle, credentials} (as in suites/targets/lpc-example.yaml)"
                        + " to push to, or --to-tar FILE");
            }
            credentials = credentials(registry, profile);
            connection = RegistryConnection.to(registry, profile.proxy());
            System.out.println("publish-probe: " + connection.baseUri() + " (" + connection.route() + ") as " + credentials.user());
            try {
                ProbePublisher.checkAccess(connection, credentials);
            } catch (PublishException e) {
                return failed(e);
            }
        }
        ProbeImageContext context = ProbeImageContext.current();
        Path workFolder = null;
        try {
            workFolder = Files.createTempDirectory("platform-acceptance-publish-probe-");
            System.out.println("publish-probe: building the probe image " + context.tag() + " with Jib");
            ProbeImageBuild build = ProbeImageBuild.prepare(context, workFolder);
            Map<String, Object> recorded = new LinkedHashMap<>();
            ProbeImage image;
            if (tarball != null) {
                String repository = profile != null && profile.registry() != null ? profile.registry().imageName()
                        : ProbeImageContext.REPOSITORY;
                image = build.toTar(tarball, repository + ":" + context.tag());
                recorded.put("tarball", tarball.toAbsolutePath().normalize().toString());
                System.out.println("written: " + tarball + " (OCI image layout; docker load reads it too)");
            } else {
                ProbePublisher.Published published = ProbePublisher.push(build, connection, credentials, context.tag());
                image = published.image();
                recorded.put("verification", published.verification());
                System.out.println("verified: " + published.verification());
            }
            System.out.println("probe image: " + image.pinned());
            write(recordFile, record(recorded, image, profile, startedAt));
            System.out.println("record: " + recordFile);
            if (profile != null && profile.probeImage() != null && !profile.probeImage().equals(image.pinned())) {
                System.out.println("note: " + profile.source() + " pins probeImage " + profile.probeImage() + ", not this"
                        + " image: a run would deploy that one; set probeImage: " + image.pinned());
            }
            return PlatformAcceptance.EXIT_OK;
        } catch (PublishException e) {
            return failed(e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a folder to build the probe image in", e);
        } finally {
            deleteFolder(workFolder);
        }
    }

    private static int failed(PublishException e) {
        System.err.println("publish-probe: " + e.getMessage());
        return e.kind() == PublishException.Kind.DIGEST_MISMATCH ? EXIT_DIGEST_MISMATCH : EXIT_REGISTRY_UNAVAILABLE;
    }

    /** The account from the secret the registry names; a secret that cannot be read or parsed is bad input where it is declared. */
    private static RegistryCredentials credentials(Target.Registry registry, Target profile) {
        SecretRef ref = registry.credentials();
        String where = ref.declaredAt() != null ? ref.declaredAt() : String.valueOf(profile.source());
        try {
            return RegistryCredentials.of(Secret.resolve(ref), registry.host());
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new BadInputException(where, e.getMessage());
        }
    }

    private static Map<String, Object> record(Map<String, Object> recorded, ProbeImage image, Target profile, Instant startedAt) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("image", image.pinned());
        record.put("name", image.name());
        record.put("digest", image.digest());
        record.put("imageId", image.imageId());
        record.putAll(recorded);
        if (profile != null) {
            record.put("target", profile.name());
            record.put("profile", profile.source().toString());
        }
        HarnessInfo harness = HarnessInfo.current();
        record.put("harness", Map.of("version", harness.version(), "commit", harness.commit()));
        record.put("publishedAt", startedAt.toString());
        return record;
    }

    /** Records are written once, never overwritten, like all evidence. */
    private static void write(Path file, Map<String, Object> record) {
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            Files.write(file, Mappers.JSON.writeValueAsBytes(record), StandardOpenOption.CREATE_NEW);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the record " + file, e);
        }
    }

    private static void requireNewFile(Path file, String option) {
        if (Files.exists(file)) {
            throw BadInputException.argument(option + " " + file, "exists; expected a new file (publish-probe never "
                    + "overwrites one)");
        }
        Path parent = file.toAbsolutePath().getParent();
        for (Path existing = parent; existing != null; existing = existing.getParent()) {
            if (Files.exists(existing)) {
                if (!Files.isDirectory(existing) || !Files.isWritable(existing)) {
                    throw BadInputException.argument(option + " " + file, existing + " is not a writable folder; expected"
                            + " a file in a writable folder");
                }
                return;
            }
        }
    }

    private static void deleteFolder(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            System.err.println("publish-probe: could not remove " + folder + " (" + e.getMessage() + ")");
        }
    }
}
