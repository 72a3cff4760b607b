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
 * @param calibration the newest calibration of the same harness commit, or {@code status: none}
 * @param probeImage  the probe image that measured, by digest, or null when the platform ran none (unreachable)
 */
public record Provenance(String runId, Instant startedAt, Instant finishedAt, Operator operator, TargetProfile target,
                         InputFile register, Platform platform, Harness harness, Selection selection, List<String> checks,
                         Signing signing, Calibration calibration, ProbeImage probeImage) {

    public Provenance {
        checks = List.copyOf(checks);
    }

    /**
     * Who ran it.
     *
     * @param user the operating-system user
     * @param host the machine's host name
     * @param ci   the CI job, or null when run by hand
     */
    public record Operator(String user, String host, CiJob ci) {
    }

    /**
     * The CI job that ran it, from the CI system's own environment variables (never its tokens).
     *
     * @param system   gitlab, github, jenkins or ci (a CI we do not know by name)
     * @param job      the job's id or name
     * @param url      the job's page, when the CI gives one
     * @param pipeline the pipeline or workflow run
     * @param commit   the commit the CI checked out
     */
    public record CiJob(String system, String job, String url, String pipeline, String commit) {
    }

    /**
     * @param profile the profile file, or {@code classpath:...} for the embedded one
     * @param sha256  the SHA-256 of the profile's bytes as the run read them
     */
    public record TargetProfile(String name, String kind, String release, String profile, String sha256) {
    }

    /** An input file by path and SHA-256. */
    public record InputFile(String path, String sha256) {
    }

    /** The platform as it reported itself, or null when it could not be reached. */
    public record Platform(String kind, String name, String version) {
    }

    public record Harness(String version, String commit) {
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
     * @param keyId  SHA-256 of the public key's SubjectPublicKeyInfo DER
     * @param origin the operator's key file, or an ephemeral key (which proves integrity, not origin)
     */
    public record Signing(String algorithm, String keyId, String origin) {
    }

    /**
     * The calibration run a run relied on.
     *
     * @param status         {@code linked} or {@code none}
     * @param path           the calibration folder
     * @param manifestSha256 the SHA-256 of its sealed manifest.json
     * @param allDetected    whether that calibration detected every injected knelpunt
     * @param reason         why there is none, when there is none
     */
    public record Calibration(String status, String path, String runId, String manifestSha256, Boolean allDetected,
                              String reason) {
        public static Calibration none(String reason) {
            return new Calibration("none", null, null, null, null, reason);
        }

        public static Calibration linked(String path, String runId, String manifestSha256, boolean allDetected) {
            return new Calibration("linked", path, runId, manifestSha256, allDetected, null);
        }

        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean isLinked() {
            return "linked".equals(status);
        }

        /** One line for people: the path and digest, or {@code none (reason)}. */
        public String describe() {
            return isLinked() ? path + " (run " + runId + ", manifest sha256 " + manifestSha256 + ", "
                    + (Boolean.TRUE.equals(allDetected) ? "every injection detected" : "NOT every injection detected") + ")"
                    : "none (" + reason + ")";
        }
    }
}
