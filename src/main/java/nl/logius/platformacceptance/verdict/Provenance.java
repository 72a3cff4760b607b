package nl.logius.platformacceptance.verdict;

import java.time.Instant;
import java.util.List;

/**
 * Where a run came from, for an auditor who does not trust the machine it ran on: who ran it, when,
 * against what (the target and its profile's digest, the release, the platform as it reported itself),
 * with what (the harness and its commit, the register's digest, the selection and injections), which key
 * sealed it, and which calibration it relied on.
 *
 * @param checks      the ids of the checks the selection chose, so that a check that did not report is visible
 * @param calibration the newest calibration of the same harness build, or {@code status: none}
 * @param probeImage  the probe image that measured, by digest, or null when the platform ran none (unreachable)
 * @param waivers     the waivers file the run applied, or its absence (absent in older runs)
 * @param capabilities what the checks need of the target, as the driver found it at the start of the run (the same
 *                    look as {@code preflight}); empty when the platform could not be reached (and in older runs)
 */
public record Provenance(String runId, Instant startedAt, Instant finishedAt, Operator operator, TargetProfile target,
                         InputFile register, Platform platform, Harness harness, Selection selection, List<String> checks,
                         Signing signing, Calibration calibration, ProbeImage probeImage, InputFile waivers,
                         List<CapabilityFound> capabilities) {

    public Provenance {
        checks = List.copyOf(checks);
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
    }

    /**
     * Who ran it.
     *
     * @param name       who answers for the run: {@code --operator}, else the CI's user (GitLab's
     *                   {@code GITLAB_USER_LOGIN}, GitHub's {@code GITHUB_ACTOR}); null when nobody was named
     * @param declaredBy where {@code name} comes from: {@code --operator}, the CI variable, or {@code not declared}
     * @param user       the operating-system user
     * @param host       the machine's host name
     * @param ci         the CI job, or null when run by hand
     */
    public record Operator(String name, String declaredBy, String user, String host, CiJob ci) {

        /** {@code jdoe (--operator), as root on vm, GitLab job 4711 https://...}, or {@code nobody named, ...}. */
        public String describe() {
            return (name == null ? "nobody named (no --operator, no CI user)" : name + " (" + declaredBy + ")")
                    + ", as " + user + " on " + host
                    + (ci == null ? ", by hand" : ", CI " + ci.system() + " job " + ci.job() + (ci.url() == null ? "" : " " + ci.url()));
        }
    }

    /**
     * The CI job that ran it, from the CI system's own environment variables (never its tokens).
     *
     * @param system   gitlab, github, jenkins or ci (a CI we do not know by name)
     * @param job      the job's id or name
     * @param url      the job's page, when the CI gives one
     * @param pipeline the pipeline or workflow run
     * @param commit   the commit the CI checked out
     * @param user     the user who started the job, as the CI names it (GitLab login and name, GitHub actor)
     */
    public record CiJob(String system, String job, String url, String pipeline, String commit, String user) {
    }

    /**
     * @param profile the profile file, or {@code classpath:...} for the embedded one
     * @param sha256  the SHA-256 of the profile's bytes as the run read them
     * @param copy    where the run folder holds those bytes, e.g. {@code inputs/target-profile.yaml}
     */
    public record TargetProfile(String name, String kind, String release, String profile, String sha256, String copy) {
    }

    /**
     * An input file by path and SHA-256, and the copy of its bytes in the run folder.
     *
     * @param sha256 null when there was no such file
     * @param copy   the copy in the run folder, e.g. {@code inputs/register.yaml}; null when there was no file
     * @param note   what its absence means ({@code no waivers file: no waiver applied}); null when there was a file
     */
    public record InputFile(String path, String sha256, String copy, String note) {

        public InputFile(String path, String sha256) {
            this(path, sha256, null, null);
        }
    }

    /** The platform as it reported itself, or null when it could not be reached. */
    public record Platform(String kind, String name, String version) {
    }

    /** @param build the checks' code and the probe image, which a calibration must share to count (absent in older runs) */
    public record Harness(String version, String commit, HarnessBuild build) {
    }

    /**
     * The probe image the checks deployed: the same digest locally and in a cluster's registry means the same bytes.
     *
     * @param name    its name with its tag where it ran
     * @param digest  {@code sha256:...} of its OCI manifest, what {@code publish-probe} prints and a cluster deploys
     * @param imageId {@code sha256:...} of its configuration, the Docker engine's image id
     */
    public record ProbeImage(String name, String digest, String imageId) {

        /** One line for people, or {@code none} when no probe image ran. */
        public static String describe(ProbeImage image) {
            return image == null ? "none (the platform was not reached)"
                    : image.name() + " digest " + image.digest() + " (image id " + image.imageId() + ")";
        }
    }

    public record Selection(List<String> areas, List<String> knelpunten, List<String> injections) {
    }

    /**
     * @param keyId     SHA-256 of the public key's SubjectPublicKeyInfo DER
     * @param origin    the operator's key file, or an ephemeral key (which proves integrity, not origin)
     * @param ephemeral whether the key was generated by the run and its private half discarded (null in older runs)
     */
    public record Signing(String algorithm, String keyId, String origin, Boolean ephemeral) {

        /** Also for older runs, which said so only in {@code origin}. */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean isEphemeral() {
            return ephemeral != null ? ephemeral : origin != null && origin.startsWith("ephemeral");
        }
    }

    /** Whether the run's selected knelpunten are proven detectable by a calibration of the same build. */
    public enum CalibrationProof {
        /** Every selected knelpunt that has a check was detected by the calibration, with the same thresholds. */
        CALIBRATED,
        /** Some were, some were not: {@code unproven} says which and why. */
        PARTLY_CALIBRATED,
        /** No calibration of this build, or it proves none of them: nothing shows the checks could have failed. */
        UNCALIBRATED
    }

    /**
     * The calibration run a run relied on: the newest sealed calibration of the same {@link HarnessBuild}, copied
     * into the run folder ({@code carried}), with what it proves about this run's knelpunten.
     *
     * @param status         {@code linked} or {@code none}
     * @param path           the calibration folder, relative to the run folder
     * @param manifestSha256 the SHA-256 of its sealed manifest.json (the seal's digest)
     * @param allDetected    whether that calibration detected every knelpunt it injected
     * @param reason         why there is none, when there is none
     * @param proof          CALIBRATED, PARTLY_CALIBRATED or UNCALIBRATED (absent in older runs)
     * @param sealKeyId      the key id the calibration was sealed with
     * @param carried        the folder in this run folder that holds its calibration.json and seal files
     * @param detectable     the selected knelpunten it proves detectable: detected with their injection, by the same
     *                       checks with the same thresholds
     * @param unproven       the selected knelpunten with a check that it does not prove detectable, each with why
     */
    public record Calibration(String status, String path, String runId, String manifestSha256, Boolean allDetected,
                              String reason, CalibrationProof proof, String sealKeyId, String carried,
                              List<String> detectable, List<Unproven> unproven) {

        public Calibration {
            detectable = detectable == null ? List.of() : List.copyOf(detectable);
            unproven = unproven == null ? List.of() : List.copyOf(unproven);
        }

        /** A selected knelpunt whose detection the calibration does not prove, and why. */
        public record Unproven(String knelpunt, String reason) {
        }

        public static Calibration none(String reason) {
            return new Calibration("none", null, null, null, null, reason, CalibrationProof.UNCALIBRATED, null, null, List.of(), List.of());
        }

        public static Calibration linked(String path, String runId, String manifestSha256, boolean allDetected, String sealKeyId,
                                         String carried, List<String> detectable, List<Unproven> unproven) {
            CalibrationProof proof = detectable.isEmpty() ? CalibrationProof.UNCALIBRATED
                    : unproven.isEmpty() ? CalibrationProof.CALIBRATED : CalibrationProof.PARTLY_CALIBRATED;
            return new Calibration("linked", path, runId, manifestSha256, allDetected, null, proof, sealKeyId, carried,
                    detectable, unproven);
        }

        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean isLinked() {
            return "linked".equals(status);
        }

        /** The proof, also for older runs (linked counted as calibrated then). */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public CalibrationProof proofOrLegacy() {
            return proof != null ? proof : isLinked() ? CalibrationProof.CALIBRATED : CalibrationProof.UNCALIBRATED;
        }

        /** One line for people: {@code CALIBRATED by calibration <run> (...)}, or {@code UNCALIBRATED: reason}. */
        public String describe() {
            if (!isLinked()) {
                return CalibrationProof.UNCALIBRATED + ": " + reason;
            }
            String head = proofOrLegacy() == CalibrationProof.UNCALIBRATED
                    ? CalibrationProof.UNCALIBRATED + ": calibration " + runId + " of the same harness build proves none of them"
                    : proofOrLegacy() + " by calibration " + runId;
            return head + " (" + path + ", manifest sha256 " + manifestSha256
                    + (carried == null ? "" : ", copied into " + carried + "/") + ")"
                    + (detectable.isEmpty() ? "" : "; proves detectable: " + String.join(", ", detectable))
                    + (unproven.isEmpty() ? "" : "; not proven: " + String.join("; ", unproven.stream()
                            .map(u -> u.knelpunt() + " (" + u.reason() + ")").toList()));
        }
    }

    /**
     * One capability the checks need, as found at the start of the run.
     *
     * @param status PRESENT, MISSING or UNVERIFIED
     */
    public record CapabilityFound(String name, String status, String detail) {
    }
}
