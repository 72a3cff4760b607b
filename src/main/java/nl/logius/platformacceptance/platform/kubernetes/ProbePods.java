package nl.logius.platformacceptance.platform.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import nl.logius.platformacceptance.platform.Readiness;
import nl.logius.platformacceptance.platform.WorkloadSpec;
import nl.logius.platformacceptance.platform.Zone;
import nl.logius.platformacceptance.probe.workload.ProbeMain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pod of a probe instance, as the cluster's restricted security profile (OpenShift's restricted-v2, Kubernetes'
 * Pod Security "restricted") admits it: non-root with no fixed UID (the platform assigns one) and the profile's
 * fsGroup only where it names one (plain Kubernetes; OpenShift assigns it), all
 * capabilities dropped, no privilege escalation, seccomp RuntimeDefault, a read-only root file system with an
 * emptyDir for {@code /tmp}. The spec's controller behaviour goes into it as Kubernetes has it: the readiness probe
 * (path, period, failures, timeout on the service port), the termination grace; its placement as a node affinity
 * to the profile's zones (or to one zone) and a topology spread constraint over {@value #ZONE_KEY}.
 */
final class ProbePods {

    /** The well-known node label of a zone. */
    static final String ZONE_KEY = "topology.kubernetes.io/zone";
    static final String TENANT_LABEL = "platform-acceptance.tenant";
    static final String WORKLOAD_LABEL = "platform-acceptance.workload";
    /** The zone of a pod, written by the driver once the pod is scheduled, for the NetworkPolicy of a zone cut. */
    static final String ZONE_LABEL = "platform-acceptance.zone";
    static final String SERVICE_PORT_NAME = "service";
    static final String ADMIN_PORT_NAME = "admin";
    static final String CONTAINER = "probe";
    static final String VERSION_ENV = "PROBE_VERSION";

    private ProbePods() {
    }

    /**
     * @param selector    the workload's selector labels (tenant and workload), also on every pod
     * @param ownerLabels the run's ownership labels, also on every pod
     * @param claims      the claim name of each of the spec's mounts, in order
     * @param fsGroup     the group the claimed volumes are given to, or null to leave it to the platform
     */
    static PodTemplateSpec template(WorkloadSpec spec, String image, Map<String, String> selector, Map<String, String> ownerLabels,
                                    Map<String, String> annotations, List<Zone> zones, List<String> claims, Long fsGroup) {
        Map<String, String> labels = new java.util.LinkedHashMap<>(ownerLabels);
        labels.putAll(selector);
        spec.zone().ifPresent(zone -> labels.put(ZONE_LABEL, zone.name()));
        List<Volume> volumes = new ArrayList<>(List.of(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build()));
        List<VolumeMount> mounts = new ArrayList<>(List.of(new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build()));
        for (int i = 0; i < spec.mounts().size(); i++) {
            WorkloadSpec.Mount mount = spec.mounts().get(i);
            volumes.add(new VolumeBuilder().withName("volume-" + i).withNewPersistentVolumeClaim()
                    .withClaimName(claims.get(i)).withReadOnly(mount.readOnly()).endPersistentVolumeClaim().build());
            mounts.add(new VolumeMountBuilder().withName("volume-" + i).withMountPath(mount.path()).withReadOnly(mount.readOnly()).build());
        }
        List<String> zoneNames = spec.zone().map(zone -> List.of(zone.name())).orElse(zones.stream().map(Zone::name).toList());
        return new PodTemplateSpecBuilder()
                .withNewMetadata().withLabels(labels).withAnnotations(annotations).endMetadata()
                .withNewSpec()
                .withTerminationGracePeriodSeconds(spec.terminationGrace().toSeconds())
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withNewSecurityContext().withRunAsNonRoot(true).withFsGroup(fsGroup).withNewSeccompProfile().withType("RuntimeDefault")
                .endSeccompProfile().endSecurityContext()
                .withNewAffinity().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm().withMatchExpressions(new NodeSelectorRequirementBuilder().withKey(ZONE_KEY)
                        .withOperator("In").withValues(zoneNames).build()).endNodeSelectorTerm()
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity()
                .withTopologySpreadConstraints(new TopologySpreadConstraintBuilder().withMaxSkew(1).withTopologyKey(ZONE_KEY)
                        .withWhenUnsatisfiable("DoNotSchedule").withNewLabelSelector().withMatchLabels(selector).endLabelSelector()
                        .build())
                .withContainers(container(spec, image, mounts))
                .withVolumes(volumes)
                .endSpec().build();
    }

    private static Container container(WorkloadSpec spec, String image, List<VolumeMount> mounts) {
        Readiness readiness = spec.readiness();
        return new ContainerBuilder().withName(CONTAINER).withImage(image).withImagePullPolicy("IfNotPresent")
                .addNewPort().withName(SERVICE_PORT_NAME).withContainerPort(ProbeMain.SERVICE_PORT).endPort()
                .addNewPort().withName(ADMIN_PORT_NAME).withContainerPort(ProbeMain.ADMIN_PORT).endPort()
                .withEnv(environment(spec))
                .withNewReadinessProbe().withNewHttpGet().withPath(readiness.path()).withPort(new IntOrString(SERVICE_PORT_NAME))
                .endHttpGet().withPeriodSeconds((int) readiness.period().toSeconds()).withFailureThreshold(readiness.failureThreshold())
                .withTimeoutSeconds((int) readiness.timeout().toSeconds()).withSuccessThreshold(1).endReadinessProbe()
                .withNewResources().addToRequests("cpu", new Quantity("50m")).addToRequests("memory", new Quantity("192Mi"))
                .addToLimits("memory", new Quantity("512Mi")).endResources()
                .withNewSecurityContext().withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true).withRunAsNonRoot(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities().endSecurityContext()
                .withVolumeMounts(mounts)
                .build();
    }

    private static List<EnvVar> environment(WorkloadSpec spec) {
        return List.of(
                new EnvVarBuilder().withName("PROBE_INSTANCE").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name")
                        .endFieldRef().endValueFrom().build(),
                new EnvVarBuilder().withName("PROBE_ZONE").withNewValueFrom().withNewFieldRef()
                        .withFieldPath("metadata.labels['" + ZONE_LABEL + "']").endFieldRef().endValueFrom().build(),
                new EnvVarBuilder().withName("PROBE_WORKLOAD").withValue(spec.name()).build(),
                new EnvVarBuilder().withName(VERSION_ENV).withValue(spec.version()).build());
    }

    /** The probe version a pod template runs. */
    static String version(PodTemplateSpec template) {
        return version(template.getSpec());
    }

    /** The probe version a pod (or a pod template) runs, from its environment. */
    static String version(io.fabric8.kubernetes.api.model.PodSpec pod) {
        return pod.getContainers().get(0).getEnv().stream().filter(env -> VERSION_ENV.equals(env.getName()))
                .map(EnvVar::getValue).findFirst().orElse("");
    }
}
