package nl.logius.platformacceptance.platform.local;

import nl.logius.platformacceptance.platform.Volume;
import nl.logius.platformacceptance.platform.VolumeRefusedException;

import java.time.Duration;

/**
 * A labelled named volume of the Docker engine. The engine binds or refuses a volume when it is created,
 * so waiting for it is knowing the answer; a refusal is reported when the volume is awaited.
 *
 * @param refused the engine's refusal, or null when it created the volume
 */
record LocalVolume(String name, long sizeBytes, String dockerName, VolumeRefusedException refused) implements Volume {

    @Override
    public Duration awaitBound(Duration deadline) {
        if (refused != null) {
            throw refused;
        }
        return Duration.ZERO;
    }
}
