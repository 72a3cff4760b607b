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
        return repository(name) + "@" + digest;
    }

    /** The repository of an image reference: {@code host:5000/a/b:tag} gives {@code host:5000/a/b}. */
    public static String repository(String reference) {
        int slash = reference.lastIndexOf('/');
        int colon = reference.lastIndexOf(':');
        return colon > slash ? reference.substring(0, colon) : reference;
    }

    @Override
    public String toString() {
        return pinned() + " (image id " + imageId + ")";
    }
}
