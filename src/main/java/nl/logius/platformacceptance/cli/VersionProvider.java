package nl.logius.platformacceptance.cli;

import nl.logius.platformacceptance.runfolder.HarnessInfo;
import picocli.CommandLine;

/** {@code --version}: the harness version and its git commit. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        HarnessInfo harness = HarnessInfo.current();
        return new String[] {"platform-acceptance " + harness.version() + " (" + harness.commit() + ")"};
    }
}
