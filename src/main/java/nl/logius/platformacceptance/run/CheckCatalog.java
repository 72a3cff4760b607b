package nl.logius.platformacceptance.run;

import nl.logius.platformacceptance.check.PlatformCheck;
import nl.logius.platformacceptance.check.Verifies;
import nl.logius.platformacceptance.input.BadInputException;
import nl.logius.platformacceptance.register.Register;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every check the harness has, found by JUnit discovery in the checks' package, with what each verifies.
 * Validating it against the register is part of validating input: a {@code @Verifies} id the register does
 * not know stops the run before any platform call.
 */
public final class CheckCatalog {

    public static final String CHECKS_PACKAGE = "nl.logius.platformacceptance.suites";

    private final List<CheckDescriptor> checks;

    private CheckCatalog(List<CheckDescriptor> checks) {
        this.checks = List.copyOf(checks);
    }

    /**
     * The harness's checks: those in {@value #CHECKS_PACKAGE} that ship with the harness itself (its own
     * classes folder or jar), not test classes that happen to share the package on a test class path.
     */
    public static CheckCatalog discover() {
        java.security.CodeSource harness = CheckCatalog.class.getProtectionDomain().getCodeSource();
        CheckCatalog all = discover(CHECKS_PACKAGE);
        return new CheckCatalog(all.checks.stream()
                .filter(c -> harness == null || sameLocation(harness, c.testClass().getProtectionDomain().getCodeSource()))
                .toList());
    }

    private static boolean sameLocation(java.security.CodeSource harness, java.security.CodeSource check) {
        return check != null && harness.getLocation().equals(check.getLocation());
    }

    /** The checks under a package, wherever they come from (tests use fixture packages). */
    public static CheckCatalog discover(String packageName) {
        Launcher launcher = LauncherFactory.create();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectPackage(packageName)).build();
        TestPlan plan = launcher.discover(request);
        List<CheckDescriptor> checks = new ArrayList<>();
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier test : plan.getDescendants(root)) {
                if (test.isTest() && test.getSource().orElse(null) instanceof MethodSource source) {
                    checks.add(describe(source.getJavaClass(), source.getJavaMethod()));
                }
            }
        }
        checks.sort(Comparator.comparing(CheckDescriptor::area).thenComparing(c -> c.knelpunten().toString()).thenComparing(CheckDescriptor::id));
        return new CheckCatalog(checks);
    }

    private static CheckDescriptor describe(Class<?> testClass, Method method) {
        Verifies verifies = testClass.getAnnotation(Verifies.class);
        List<String> knelpunten = verifies == null ? List.of() : Arrays.asList(verifies.value());
        Set<String> tags = new LinkedHashSet<>();
        Arrays.stream(testClass.getAnnotations()).forEach(annotation -> {
            org.junit.jupiter.api.Tag tag = annotation.annotationType().getAnnotation(org.junit.jupiter.api.Tag.class);
            if (tag != null) {
                tags.add(tag.value());
            }
        });
        String packageName = testClass.getPackageName();
        String area = packageName.substring(packageName.lastIndexOf('.') + 1);
        return new CheckDescriptor(testClass.getSimpleName() + "." + method.getName(), testClass, method, area,
                knelpunten, tags);
    }

    public List<CheckDescriptor> checks() {
        return checks;
    }

    public List<CheckDescriptor> verifying(String knelpuntId) {
        return checks.stream().filter(c -> c.knelpunten().contains(knelpuntId)).toList();
    }

    /**
     * Every check must be a {@link PlatformCheck} with a {@link Verifies} that names known knelpunten of
     * its own area; anything else is a defect of the harness, reported as bad input.
     */
    public void validateAgainst(Register register) {
        for (CheckDescriptor check : checks) {
            String where = check.testClass().getName().replace('.', '/') + ".java";
            if (check.knelpunten().isEmpty()) {
                throw new BadInputException(where, "check " + check.id() + " has no @Verifies; expected the ids of the knelpunten it verifies");
            }
            for (String id : check.knelpunten()) {
                var knelpunt = register.find(id).orElseThrow(() -> new BadInputException(VerifiesPosition.of(check.testClass(), id),
                        "@Verifies(\"" + id + "\") on " + check.id() + " names a knelpunt that is not in "
                                + register.source() + "; expected one of " + register.byId().keySet()));
                if (!knelpunt.area().equals(check.area())) {
                    throw new BadInputException(VerifiesPosition.of(check.testClass(), id), check.id() + " lives in area '" + check.area() + "' but verifies "
                            + id + " of area '" + knelpunt.area() + "'; expected the check in package suites." + knelpunt.area());
                }
            }
            if (!check.method().isAnnotationPresent(PlatformCheck.class)) {
                throw new BadInputException(where, check.id() + " is a test without @PlatformCheck; expected every check method to carry it");
            }
        }
    }
}
