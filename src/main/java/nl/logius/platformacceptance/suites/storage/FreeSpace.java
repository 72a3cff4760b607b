package nl.logius.platformacceptance.suites.storage;

import nl.logius.platformacceptance.check.Evidence;
import nl.logius.platformacceptance.platform.Instance;
import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.platform.ProbeClient.StorageSpace;
import nl.logius.platformacceptance.register.Threshold;

import java.util.Optional;

/**
 * The storage checks' guard against filling a disk: before a check writes its data, it asks the workload
 * that mounts the volume how much room the file system there has left (statvfs, seen from inside the
 * platform: on the local platform the disk under the engine's data root, shared with everything on this
 * machine; on Kubernetes the PVC's own file system), and refuses to start when the data plus a reserve of
 * {@value #RESERVE_PERCENT} % of that file system would not fit.
 *
 * <p>A refusal breaks the check (its knelpunt becomes INCONCLUSIVE), it does not fail it: too little free
 * space is an unmet precondition of the harness's environment, not something the platform did wrong.
 *
 * <pre>{@code
 * FreeSpace.require(writer.instance(0), "/data", total, evidence);
 * }</pre>
 */
final class FreeSpace {

    /** Left free on the file system on top of what the check writes, so that a run never fills it. */
    static final int RESERVE_PERCENT = 5;

    private FreeSpace() {
    }

    /**
     * Refuses to go on when {@code bytes} (plus the reserve) do not fit where {@code path} is.
     *
     * @throws NotEnoughSpace when they do not fit
     */
    static void require(Instance instance, String path, long bytes, Evidence evidence) {
        StorageSpace space = evidence.step("Check that " + mebibytes(bytes) + " fit on the volume at " + path
                + " with " + RESERVE_PERCENT + " % of its file system to spare", () -> instance.probe().space(path));
        Optional<String> shortfall = shortfall(bytes, space.usableBytes(), space.totalBytes());
        if (shortfall.isPresent()) {
            throw new NotEnoughSpace("refusing to write to " + path + ": " + shortfall.get()
                    + "; free space on the platform's storage and run again");
        }
    }

    /** Why {@code needed} bytes do not fit into {@code usable} of {@code total} with the reserve, if so. */
    static Optional<String> shortfall(long needed, long usable, long total) {
        long reserve = total / 100 * RESERVE_PERCENT;
        if (needed + reserve <= usable) {
            return Optional.empty();
        }
        return Optional.of("the check writes " + mebibytes(needed) + " and keeps " + mebibytes(reserve) + " ("
                + RESERVE_PERCENT + " % of " + mebibytes(total) + ") free, but only " + mebibytes(usable) + " are usable");
    }

    /** {@code 256 MiB}, {@code 0.06 MiB}; from 1 GiB on in GiB: {@code 12.6 GiB}. */
    static String mebibytes(long bytes) {
        return bytes >= 1L << 30 ? Threshold.formatNumber(bytes / (double) (1L << 30)) + " GiB"
                : Threshold.formatNumber(bytes / (double) (1L << 20)) + " MiB";
    }

    /** The volume's file system has too little room for what a check is about to write. */
    static final class NotEnoughSpace extends PlatformException {
        NotEnoughSpace(String message) {
            super(message);
        }
    }
}
