package nl.logius.platformacceptance.bundle;

import nl.logius.platformacceptance.platform.Capability;
import nl.logius.platformacceptance.platform.PlatformInfo;
import nl.logius.platformacceptance.register.Register;
import nl.logius.platformacceptance.runfolder.HarnessInfo;
import nl.logius.platformacceptance.runfolder.RunFolder;
import nl.logius.platformacceptance.target.Target;
import nl.logius.platformacceptance.verdict.HarnessBuild;
import nl.logius.platformacceptance.verdict.Provenance;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects a run's {@link Provenance}: what can be known at the start (who, the register, the target profile and
 * the waivers file as read, the signing key) is taken at the start, so that a file edited during a long run does
 * not change the record; the rest when the run ends. The input files' bytes are
 * kept as read and copied into the run folder ({@link #writeInputs}), so that the bundle holds exactly what the
 * run used: an auditor compares each copy's SHA-256 with the one recorded.
 *
 * <pre>{@code
 * ProvenanceRecorder recorder = ProvenanceRecorder.start(target, release, register, waiversFile, key, operator, System.getenv());
 * recorder.writeInputs(folder);
 * ...
 * Provenance provenance = recorder.finish(runId, startedAt, finishedAt, platformInfo, probeImage, harness, build, calibration,
 *         selection, checkIds);
 * }</pre>
 */
public final class ProvenanceRecorder {

    /** The folder of a run folder that holds the copies of its input files. */
    public static final String INPUTS = "inputs";
    static final String REGISTER_COPY = INPUTS + "/register.yaml";
    static final String TARGET_COPY = INPUTS + "/target-profile.yaml";
    static final String WAIVERS_COPY = INPUTS + "/waivers.yaml";

    private final Provenance.Operator operator;
    private final Provenance.TargetProfile target;
    private final Provenance.InputFile register;
    private final Provenance.InputFile waivers;
    private final Provenance.Signing signing;
    private final Map<String, byte[]> inputCopies;
    private volatile List<Provenance.CapabilityFound> capabilities = List.of();

    private ProvenanceRecorder(Provenance.Operator operator, Provenance.TargetProfile target, Provenance.InputFile register,
                               Provenance.InputFile waivers, Provenance.Signing signing, Map<String, byte[]> inputCopies) {
        this.operator = operator;
        this.target = target;
        this.register = register;
        this.waivers = waivers;
        this.signing = signing;
        this.inputCopies = inputCopies;
    }

    /**
     * @param waiversFile      the waivers file the run reads, or would read if it existed (the default is optional)
     * @param declaredOperator {@code --operator}, or null
     */
    public static ProvenanceRecorder start(Target target, String release, Register register, Path waiversFile, SigningKey key,
                                           String declaredOperator, Map<String, String> environment) {
        Map<String, byte[]> copies = new LinkedHashMap<>();
        Provenance.InputFile profile = read(target.source(), TARGET_COPY, copies, null);
        Provenance.InputFile registerFile = read(register.source(), REGISTER_COPY, copies, null);
        Provenance.InputFile waivers = read(waiversFile, WAIVERS_COPY, copies,
                "no waivers file" + (waiversFile == null ? "" : " at " + waiversFile) + ": no waiver applied");
        return new ProvenanceRecorder(operator(declaredOperator, environment),
                new Provenance.TargetProfile(target.name(), target.kind().id(), release, profile.path(), profile.sha256(), profile.copy()),
                registerFile, waivers, new Provenance.Signing("Ed25519", key.keyId(), key.origin(), key.ephemeral()), copies);
    }

    /** Writes the input files as read into the run folder's {@value #INPUTS} folder, each once. */
    public void writeInputs(RunFolder folder) {
        inputCopies.forEach((relative, bytes) -> folder.writeOnce(relative, bytes));
    }

    /**
     * @param probeImage  the probe image the platform ran, or null when it ran none
     * @param calibration the calibration of the same build the run relied on, or {@code status: none}
     */
    public Provenance finish(String runId, Instant startedAt, Instant finishedAt, PlatformInfo platform,
                             Provenance.ProbeImage probeImage, HarnessInfo harness, HarnessBuild build,
                             Provenance.Calibration calibration, Provenance.Selection selection, List<String> checks) {
        return new Provenance(runId, startedAt, finishedAt, operator, target, register,
                platform == null ? null : new Provenance.Platform(platform.kind(), platform.name(), platform.version()),
                new Provenance.Harness(harness.version(), harness.commit(), build), selection, checks, signing, calibration,
                probeImage, waivers, capabilities);
    }

    /** What the checks need of the target, as the driver found it at the start of the run (the look preflight takes). */
    public void capabilitiesFound(List<Capability> found) {
        capabilities = found.stream().map(c -> new Provenance.CapabilityFound(c.name(), c.status().name(), c.detail())).toList();
    }

    public Provenance.Operator operator() {
        return operator;
    }

    /**
     * Who answers for the run: the declared operator ({@code --operator}), else the user the CI names; with the OS
     * user, the host and the CI job, from the JVM and the CI system's variables (never its tokens).
     */
    public static Provenance.Operator operator(String declaredOperator, Map<String, String> environment) {
        Provenance.CiJob ci = ciJob(environment);
        String name = declaredOperator;
        String declaredBy = "--operator";
        if (name == null) {
            name = ciUserLogin(environment);
            declaredBy = name == null ? "not declared" : ciUserVariable(environment);
        }
        return new Provenance.Operator(name, declaredBy, System.getProperty("user.name", "unknown"), host(environment), ci);
    }

    /** GitLab's login of the user who started the job, GitHub's actor; null for other CIs and by hand. */
    private static String ciUserLogin(Map<String, String> env) {
        String variable = ciUserVariable(env);
        return variable == null ? null : blankToNull(env.get(variable));
    }

    private static String ciUserVariable(Map<String, String> env) {
        if ("true".equalsIgnoreCase(env.get("GITLAB_CI")) && blankToNull(env.get("GITLAB_USER_LOGIN")) != null) {
            return "GITLAB_USER_LOGIN";
        }
        if ("true".equalsIgnoreCase(env.get("GITHUB_ACTIONS")) && blankToNull(env.get("GITHUB_ACTOR")) != null) {
            return "GITHUB_ACTOR";
        }
        return null;
    }

    static Provenance.CiJob ciJob(Map<String, String> env) {
        if ("true".equalsIgnoreCase(env.get("GITLAB_CI"))) {
            String user = blankToNull(env.get("GITLAB_USER_LOGIN"));
            String userName = blankToNull(env.get("GITLAB_USER_NAME"));
            return new Provenance.CiJob("gitlab", join(env.get("CI_JOB_NAME"), env.get("CI_JOB_ID")), env.get("CI_JOB_URL"),
                    env.getOrDefault("CI_PIPELINE_URL", env.get("CI_PIPELINE_ID")), env.get("CI_COMMIT_SHA"),
                    user == null ? userName : userName == null ? user : user + " (" + userName + ")");
        }
        if ("true".equalsIgnoreCase(env.get("GITHUB_ACTIONS"))) {
            String url = env.get("GITHUB_SERVER_URL") != null && env.get("GITHUB_REPOSITORY") != null && env.get("GITHUB_RUN_ID") != null
                    ? env.get("GITHUB_SERVER_URL") + "/" + env.get("GITHUB_REPOSITORY") + "/actions/runs/" + env.get("GITHUB_RUN_ID") : null;
            return new Provenance.CiJob("github", env.get("GITHUB_JOB"), url,
                    join(env.get("GITHUB_WORKFLOW"), env.get("GITHUB_RUN_ID")), env.get("GITHUB_SHA"), blankToNull(env.get("GITHUB_ACTOR")));
        }
        if (env.get("JENKINS_URL") != null) {
            return new Provenance.CiJob("jenkins", join(env.get("JOB_NAME"), env.get("BUILD_NUMBER")), env.get("BUILD_URL"),
                    env.get("BUILD_TAG"), env.get("GIT_COMMIT"), blankToNull(env.get("BUILD_USER_ID")));
        }
        String ci = env.get("CI");
        if (ci != null && !ci.isBlank() && !"false".equalsIgnoreCase(ci) && !"0".equals(ci)) {
            return new Provenance.CiJob("ci", env.getOrDefault("CI_JOB_ID", env.get("BUILD_ID")),
                    env.getOrDefault("CI_JOB_URL", env.get("BUILD_URL")), env.get("CI_PIPELINE_ID"),
                    env.getOrDefault("CI_COMMIT_SHA", env.get("GIT_COMMIT")), null);
        }
        return null;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
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
        byte[] bytes = bytesOf(source);
        return new Provenance.InputFile(source.toString(), bytes == null ? "unreadable" : Sha256.of(bytes));
    }

    /**
     * The path and SHA-256 of an input file as read now, its bytes kept for {@code copy}; {@code absence} when
     * there is no such file (null: an input that must exist, recorded as unreadable).
     */
    private static Provenance.InputFile read(Path source, String copy, Map<String, byte[]> copies, String absence) {
        byte[] bytes = source == null ? null : bytesOf(source);
        if (bytes == null) {
            return absence != null ? new Provenance.InputFile(source == null ? null : source.toString(), null, null, absence)
                    : new Provenance.InputFile(String.valueOf(source), "unreadable");
        }
        copies.put(copy, bytes);
        return new Provenance.InputFile(source.toString(), Sha256.of(bytes), copy, null);
    }

    private static byte[] bytesOf(Path source) {
        String name = source.toString();
        try {
            if (name.startsWith("classpath:")) {
                try (InputStream in = ProvenanceRecorder.class.getClassLoader().getResourceAsStream(name.substring("classpath:".length()))) {
                    return in == null ? null : in.readAllBytes();
                }
            }
            return Files.isRegularFile(source) ? Files.readAllBytes(source) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
