package nl.logius.platformacceptance.platform;

/**
 * The probe image a platform runs, identified by its content: the same bytes have the same digests on the local
 * engine, in a tarball and in a cluster's registry, so a run's provenance says which probe measured.
 *
 * @param name    the image's name where it is, with its tag: {@code localhost/platform-acceptance/probe:<hash>}
 *                on the local engine, {@code harbor.lpc.example/platform-acceptance/probe:<hash>} in a registry
 * @param digest  {@code sha256:...} of its OCI manifest: what a registry serves it under and a cluster deploys
 * @param imageId {@code sha256:...} of its configuration, which names every layer's content: the image id the
 *                Docker engine shows
 */
public record ProbeImage(String name, String digest, String imageId) {

    /** {@code <name without tag>@<digest>}: the reference that always means these bytes. */
    public String pinned() {
        int slash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        String repository = colon > slash ? name.substring(0, colon) : name;
        return repository + "@" + digest;
    }

    @Override
    public String toString() {
        return pinned() + " (image id " + imageId + ")";
    }
}
