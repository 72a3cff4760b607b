package nl.logius.platformacceptance.run;

import java.util.List;
import java.util.Set;

/**
 * One check of the harness as discovery sees it, before anything runs.
 *
 * @param id         {@code ClassName.method_name}
 * @param testClass  the check class
 * @param method     the check method
 * @param area       the last segment of its package: networking, storage, deployment, failover
 * @param knelpunten what it verifies ({@code @Verifies})
 * @param tags       its classification: disruptive, slow
 */
public record CheckDescriptor(String id, Class<?> testClass, java.lang.reflect.Method method, String area, List<String> knelpunten,
                              Set<String> tags) {
    public CheckDescriptor {
        knelpunten = List.copyOf(knelpunten);
        tags = Set.copyOf(tags);
    }
}
