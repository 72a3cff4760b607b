package nl.logius.platformacceptance.platform.kubernetes;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import nl.logius.platformacceptance.platform.DeadlineExceededException;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.platform.Volume;
import nl.logius.platformacceptance.platform.VolumeRefusedException;
import nl.logius.platformacceptance.platform.VolumeSpec;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * A PersistentVolumeClaim. Bound or refused is read from the cluster as it says it: the claim's {@code status.phase}
 * ({@code Bound}), and the events about the claim, where a provisioner reports {@code ProvisioningFailed}.
 * Events are filtered here, not by a field selector, so that any API server (and the mock) answers alike.
 */
final class KubernetesVolume implements Volume {

    static final String PROVISIONING_FAILED = "ProvisioningFailed";
    private static final Duration POLL = Duration.ofMillis(250);

    private final ApiServer api;
    private final String namespace;
    private final VolumeSpec spec;
    private final String claimName;
    private final String storageClass;
    private final String accessMode;

    KubernetesVolume(ApiServer api, String namespace, VolumeSpec spec, String claimName, String storageClass, String accessMode) {
        this.api = api;
        this.namespace = namespace;
        this.spec = spec;
        this.claimName = claimName;
        this.storageClass = storageClass;
        this.accessMode = accessMode;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public long sizeBytes() {
        return spec.sizeBytes();
    }

    String claimName() {
        return claimName;
    }

    @Override
    public Duration awaitBound(Duration deadline) {
        Instant start = Instant.now();
        Instant end = start.plus(deadline);
        while (true) {
            PersistentVolumeClaim claim = api.call("get volume claim " + claimName, () -> api.client().persistentVolumeClaims()
                    .inNamespace(namespace).withName(claimName).get());
            if (claim == null) {
                throw new PlatformException("volume claim " + claimName + " is gone");
            }
            String phase = claim.getStatus() == null ? null : claim.getStatus().getPhase();
            if ("Bound".equals(phase)) {
                return Duration.between(start, Instant.now());
            }
            Optional<Event> refusal = provisioningFailed();
            if (refusal.isPresent()) {
                throw new VolumeRefusedException(spec.name(), refusal.get().getMessage() + " (event " + PROVISIONING_FAILED
                        + " of storage class " + storageClass + ", " + accessMode + ")", null);
            }
            if (!Instant.now().isBefore(end)) {
                throw new DeadlineExceededException("volume claim " + claimName + " (" + storageClass + ", " + accessMode
                        + ") bound", deadline, "phase " + phase);
            }
            sleep(Duration.ofMillis(Math.min(POLL.toMillis(), Math.max(1, Duration.between(Instant.now(), end).toMillis()))));
        }
    }

    private Optional<Event> provisioningFailed() {
        return api.call("list the events of volume claim " + claimName, () -> api.client().v1().events().inNamespace(namespace)
                        .list().getItems()).stream()
                .filter(event -> event.getInvolvedObject() != null && claimName.equals(event.getInvolvedObject().getName())
                        && "PersistentVolumeClaim".equals(event.getInvolvedObject().getKind())
                        && PROVISIONING_FAILED.equals(event.getReason()))
                .max(Comparator.comparing(event -> String.valueOf(event.getLastTimestamp())));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted while waiting for a volume", e);
        }
    }
}
