package nl.logius.platformacceptance.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The import rules of the architecture (DESIGN.md, "Rules of the architecture"), written down and enforced
 * by a tool, as the Kubernetes e2e framework's {@code .import-restrictions} are: checks talk only to the
 * Platform SPI; the SPI imports no driver; drivers are found, not imported; no package depends on itself
 * through others.
 */
class ArchitectureTest {

    private static final String ROOT = "nl.logius.platformacceptance";
    private static final String[] DRIVER_PACKAGES = {ROOT + ".platform.local..", ROOT + ".platform.kubernetes.."};
    private static final String[] PLATFORM_LIBRARIES = {"com.github.dockerjava..", "org.testcontainers..", "io.fabric8.."};

    private static JavaClasses harness;

    @BeforeAll
    static void importTheHarness() {
        harness = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    @Test
    void checks_import_no_driver_and_no_platform_library() {
        noClasses().that().resideInAnyPackage(ROOT + ".suites..", ROOT + ".check..")
                .should().dependOnClassesThat().resideInAnyPackage(DRIVER_PACKAGES)
                .orShould().dependOnClassesThat().resideInAnyPackage(PLATFORM_LIBRARIES)
                .because("a check talks only to the Platform SPI, so that it runs unchanged on every platform")
                .check(harness);
    }

    @Test
    void the_platform_spi_imports_no_driver_and_no_platform_library() {
        noClasses().that().resideInAPackage(ROOT + ".platform")
                .should().dependOnClassesThat().resideInAnyPackage(DRIVER_PACKAGES)
                .orShould().dependOnClassesThat().resideInAnyPackage(PLATFORM_LIBRARIES)
                .because("drivers are discovered through ServiceLoader (PlatformDriver), never imported")
                .check(harness);
    }

    @Test
    void only_drivers_import_drivers() {
        noClasses().that().resideOutsideOfPackages(DRIVER_PACKAGES)
                .should().dependOnClassesThat().resideInAnyPackage(DRIVER_PACKAGES)
                .because("the run, the CLI and calibration find a driver through PlatformDrivers")
                .check(harness);
    }

    @Test
    void drivers_do_not_import_each_other() {
        noClasses().that().resideInAPackage(ROOT + ".platform.local..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".platform.kubernetes..")
                .check(harness);
        noClasses().that().resideInAPackage(ROOT + ".platform.kubernetes..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".platform.local..")
                .check(harness);
    }

    @Test
    void the_probe_program_needs_nothing_but_the_jdk() {
        // It runs in the probe image, whose runtime is a jlink'ed JDK: nothing of the harness's class path is there.
        noClasses().that().resideInAPackage(ROOT + ".probe.workload..")
                .should().dependOnClassesThat().resideOutsideOfPackages(ROOT + ".probe.workload..", "java..", "javax..",
                        "com.sun.net.httpserver..", "com.sun.nio.file..", "jdk..", "sun.misc..")
                .check(harness);
    }

    @Test
    void no_package_depends_on_itself_through_others() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(harness);
    }
}
