package nl.logius.platformacceptance.bundle;

import nl.logius.platformacceptance.platform.PlatformInfo;
import nl.logius.platformacceptance.register.Register;
import nl.logius.platformacceptance.runfolder.HarnessInfo;
import nl.logius.platformacceptance.target.Target;
import nl.logius.platformacceptance.verdict.Provenance;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Collects a run's {@link Provenance}: what can be known at the start (who, the digests of the register and
 * the target profile as read, the signing key, the calibration relied on) is taken at the start, so that a
 * file edited during a long run does not change the record; the rest when the run ends.
 *
 * <pre>{@code
 * ProvenanceRecorder recorder = ProvenanceRecorder.start(target, release, register, key, calibration, System.getenv());
 * ...
 * Provenance provenance = recorder.finish(runId, startedAt, finishedAt, platformInfo, probeImage, harness, selection, checkIds);
 * }</pre>
 */
public final class ProvenanceRecorder {

    private final Provenance.Operator operator;
    private final Provenance.TargetProfile target;
    private final Provenance.InputFile register;
    private final Provenance.Signing signing;
    private final Provenance.Calibration calibration;

    private ProvenanceRecorder(Provenance.Operator operator, Provenance.TargetProfile target, Provenance.InputFile register,
                               Provenance.Signing signing, Provenance.Calibration calibration) {
        this.operator = operator;
        this.target = target;
        this.register = register;
        this.signing = signing;
        this.calibration = calibration;
    }

    public static ProvenanceRecorder start(Target target, String release, Register register, SigningKey key,
                                           Provenance.Calibration calibration, Map<String, String> environment) {
        Provenance.InputFile profile = digest(target.source());
        return new ProvenanceRecorder(operator(environment),
                new Provenance.TargetProfile(target.name(), target.kind().id(), release, profile.path(), profile.sha256()),
                digest(register.source()),
                new Provenance.Signing("Ed25519", key.keyId(), key.origin()),
                calibration);
    }

    /** @param probeImage the probe image the platform ran, or null when it ran none */
    public Provenance finish(String runId, Instant startedAt, Instant finishedAt, PlatformInfo platform,
                             Provenance.ProbeImage probeImage, HarnessInfo harness, Provenance.Selection selection,
                             List<String> checks) {
        return new Provenance(runId, startedAt, finishedAt, operator, target, register,
                platform == null ? null : new Provenance.Platform(platform.kind(), platform.name(), platform.version()),
                new Provenance.Harness(harness.version(), harness.commit()), selection, checks, signing, calibration,
                probeImage);
    }

    public Provenance.Operator operator() {
        return operator;
    }

    /** The user, the host and the CI job, from the JVM and the CI system's variables (never its tokens). */
    public static Provenance.Operator operator(Map<String, String> environment) {
        return new Provenance.Operator(System.getProperty("user.name", "unknown"), host(environment), ciJob(environment));
    }

    static Provenance.CiJob ciJob(Map<String, String> env) {
        if ("true".equalsIgnoreCase(env.get("GITLAB_CI"))) {
            return new Provenance.CiJob("gitlab", join(env.get("CI_JOB_NAME"), env.get("CI_JOB_ID")), env.get("CI_JOB_URL"),
                    env.getOrDefault("CI_PIPELINE_URL", env.get("CI_PIPELINE_ID")), env.get("CI_COMMIT_SHA"));
        }
        if ("true".equalsIgnoreCase(env.get("GITHUB_ACTIONS"))) {
            String url = env.get("GITHUB_SERVER_URL") != null && env.get("GITHUB_REPOSITORY") != null && env.get("GITHUB_RUN_ID") != null
                    ? env.get("GITHUB_SERVER_URL") + "/" + env.get("GITHUB_REPOSITORY") + "/actions/runs/" + env.get("GITHUB_RUN_ID") : null;
            return new Provenance.CiJob("github", env.get("GITHUB_JOB"), url,
                    join(env.get("GITHUB_WORKFLOW"), env.get("GITHUB_RUN_ID")), env.get("GITHUB_SHA"));
        }
        if (env.get("JENKINS_URL") != null) {
            return new Provenance.CiJob("jenkins", join(env.get("JOB_NAME"), env.get("BUILD_NUMBER")), env.get("BUILD_URL"),
                    env.get("BUILD_TAG"), env.get("GIT_COMMIT"));
        }
        String ci = env.get("CI");
        if (ci != null && !ci.isBlank() && !"false".equalsIgnoreCase(ci) && !"0".equals(ci)) {
            return new Provenance.CiJob("ci", env.getOrDefault("CI_JOB_ID", env.get("BUILD_ID")),
                    env.getOrDefault("CI_JOB_URL", env.get("BUILD_URL")), env.get("CI_PIPELINE_ID"),
                    env.getOrDefault("CI_COMMIT_SHA", env.get("GIT_COMMIT")));
        }
        return null;
    }

    private static String join(String name, String id) {
        if (name == null) {
            return id;
        }
        return id == null ? name : name + " #" + id;
    }

    /** The host name without a DNS look-up where the system gives it otherwise. */
    static String host(Map<String, String> env) {
        String fromEnvironment = env.get("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            Path etcHostname = Path.of("/etc/hostname");
            if (Files.isReadable(etcHostname)) {
                String name = Files.readString(etcHostname).strip();
                if (!name.isEmpty()) {
                    return name;
                }
            }
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The path and SHA-256 of an input file, or of the copy embedded in the jar ({@code classpath:...}). */
    public static Provenance.InputFile digest(Path source) {
        String name = source.toString();
        if (name.startsWith("classpath:")) {
            try (InputStream in = ProvenanceRecorder.class.getClassLoader().getResourceAsStream(name.substring("classpath:".length()))) {
                return new Provenance.InputFile(name, in == null ? "unreadable" : Sha256.of(in.readAllBytes()));
            } catch (IOException e) {
                return new Provenance.InputFile(name, "unreadable");
            }
        }
        return new Provenance.InputFile(name, Files.isRegularFile(source) ? Sha256.of(source) : "unreadable");
    }
}
