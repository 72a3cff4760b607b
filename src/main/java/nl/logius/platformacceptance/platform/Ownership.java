package nl.logius.platformacceptance.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who owns a platform resource, and until when: the run and the check that created it, the run's process,
 * and an expiry after which any later run, on any host, may sweep it. Drivers put {@link #labels()} on every
 * resource they create, and {@link #annotations()} where the platform has annotations (Kubernetes).
 *
 * <p>Every label value is valid everywhere: at most 63 characters of {@code [A-Za-z0-9._-]}, starting and
 * ending alphanumeric (Kubernetes' rule). A check id too long for that is shortened readably with a hash of
 * the whole ({@link #labelValue}); the full id is in the annotation and in the run's verdicts.json.
 *
 * @param runId     the run, e.g. {@code 20261129T141605Z-3f9a}
 * @param checkId   the check, e.g. {@code InstanceLossCheck.service_survives_the_loss_of_one_instance}
 * @param process   the run's process
 * @param expiresAt when the run is surely over (its start, its deadline and a margin): after it, a resource
 *                  is a leftover whoever made it
 */
public record Ownership(String runId, String checkId, RunProcess process, Instant expiresAt) {

    public static final String RUN_LABEL = "platform-acceptance.run";
    public static final String CHECK_LABEL = "platform-acceptance.check";
    public static final String PROCESS_LABEL = "platform-acceptance.process";
    public static final String EXPIRES_LABEL = "platform-acceptance.expires";
    /** The full check id, where the platform has annotations (Kubernetes). */
    public static final String CHECK_ID_ANNOTATION = "platform-acceptance/check-id";

    /** Kubernetes' rule for a label value. */
    public static final Pattern LABEL_VALUE = Pattern.compile("^[A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?$");
    private static final int LABEL_VALUE_CHARACTERS = 63;
    private static final int HASH_CHARACTERS = 8;

    public Ownership {
        if (!LABEL_VALUE.matcher(runId).matches()) {
            throw new IllegalArgumentException("run id is no valid label value: " + runId);
        }
    }

    /** Ownership by this JVM's process, expiring at {@code expiresAt}. */
    public static Ownership of(String runId, String checkId, Instant expiresAt) {
        return new Ownership(runId, checkId, RunProcess.current(), expiresAt);
    }

    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(RUN_LABEL, runId);
        labels.put(CHECK_LABEL, labelValue(checkId));
        labels.put(PROCESS_LABEL, process.labelValue());
        labels.put(EXPIRES_LABEL, String.valueOf(expiresAt.getEpochSecond()));
        return labels;
    }

    public Map<String, String> annotations() {
        return Map.of(CHECK_ID_ANNOTATION, checkId);
    }

    /** The value of {@link #CHECK_LABEL} for this check. */
    public String checkLabel() {
        return labelValue(checkId);
    }

    /**
     * Whether a resource with these labels is a leftover: its expiry passed, or its run's process ran on this
     * host and is gone. A resource without an expiry or a process label is not the harness's to judge.
     */
    public static boolean isLeftover(Map<String, String> labels, Instant now) {
        if (labels == null || !labels.containsKey(RUN_LABEL)) {
            return false;
        }
        boolean expired = expiry(labels).map(now::isAfter).orElse(false);
        boolean ownerGone = RunProcess.parse(labels.get(PROCESS_LABEL)).map(process -> !process.mayBeAlive()).orElse(false);
        return expired || ownerGone;
    }

    /** The expiry written on a resource, if it has one. */
    public static Optional<Instant> expiry(Map<String, String> labels) {
        try {
            return Optional.ofNullable(labels.get(EXPIRES_LABEL)).map(Long::parseLong).map(Instant::ofEpochSecond);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code text} as a label value: characters outside {@code [A-Za-z0-9._-]} become '-', and a text longer
     * than 63 characters keeps its first 54 and a hash of the whole, e.g.
     * {@code VolumeProvisioningCheck.every_volume_is_bound_and_wri-3f9a1c2e}.
     */
    public static String labelValue(String text) {
        String clean = text.replaceAll("[^A-Za-z0-9._-]", "-");
        if (clean.length() > LABEL_VALUE_CHARACTERS) {
            clean = clean.substring(0, LABEL_VALUE_CHARACTERS - HASH_CHARACTERS - 1) + "-" + sha256(text).substring(0, HASH_CHARACTERS);
        }
        clean = clean.replaceAll("^[^A-Za-z0-9]+", "").replaceAll("[^A-Za-z0-9]+$", "");
        return clean.isEmpty() ? "x" : clean;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
