package nl.logius.platformacceptance.waiver;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The waivers of {@code suites/waivers.yaml}, validated by {@link WaiversLoader}.
 *
 * @param source the file they were read from, or null when there is none
 */
public record Waivers(Path source, List<Waiver> waivers) {

    public Waivers {
        waivers = List.copyOf(waivers);
    }

    public static Waivers none() {
        return new Waivers(null, List.of());
    }

    /** The waiver for a knelpunt in a run of {@code release}: one for that release before one for every release. */
    public Optional<Waiver> find(String knelpuntId, String release) {
        return waivers.stream()
                .filter(w -> w.knelpunt().equals(knelpuntId) && w.appliesTo(release))
                .min(Comparator.comparing(w -> w.release() == null));
    }

    public List<Waiver> expiredOn(LocalDate day) {
        return waivers.stream().filter(w -> w.expiredOn(day)).toList();
    }
}
