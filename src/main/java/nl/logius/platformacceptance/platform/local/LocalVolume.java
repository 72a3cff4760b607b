package nl.logius.platformacceptance.platform.local;

import nl.logius.platformacceptance.platform.Volume;

/** A labelled named volume of the Docker engine. */
record LocalVolume(String name, long sizeBytes, String dockerName) implements Volume {
}
