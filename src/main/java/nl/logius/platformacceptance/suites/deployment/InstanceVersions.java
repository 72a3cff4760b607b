package nl.logius.platformacceptance.suites.deployment;

import nl.logius.platformacceptance.platform.Instance;
import nl.logius.platformacceptance.platform.Workload;

import java.util.LinkedHashMap;
import java.util.Map;

/** The version each instance of a workload reports in its identity, asked of the instance itself. */
final class InstanceVersions {

    private InstanceVersions() {
    }

    /** Instance name -> version, for the instances that exist now. */
    static Map<String, String> of(Workload workload) {
        Map<String, String> versions = new LinkedHashMap<>();
        for (Instance instance : workload.instances()) {
            versions.put(instance.name(), instance.probe().identity().version());
        }
        return versions;
    }
}
