package nl.logius.platformacceptance.check;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

import java.util.Comparator;

/**
 * Starts {@link Slow} checks first, so that their waiting (in the background, see {@link Slow}) overlaps
 * with the other checks instead of adding to the run's length. The rest keep their order.
 */
public final class SlowChecksFirst implements ClassOrderer {
    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparing((ClassDescriptor c) -> !c.isAnnotated(Slow.class)));
    }
}
