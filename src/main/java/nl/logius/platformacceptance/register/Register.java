package nl.logius.platformacceptance.register;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The register of knelpunten, in the order of its file. Loaded once per run by {@link RegisterLoader}.
 *
 * @param source the file it was read from (for messages and provenance)
 */
public record Register(Path source, List<Knelpunt> knelpunten) {

    public Register {
        knelpunten = List.copyOf(knelpunten);
    }

    public Optional<Knelpunt> find(String id) {
        return knelpunten.stream().filter(k -> k.id().equals(id)).findFirst();
    }

    public Knelpunt get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("no knelpunt " + id + " in " + source));
    }

    public Set<String> areas() {
        Set<String> areas = new LinkedHashSet<>();
        knelpunten.forEach(k -> areas.add(k.area()));
        return areas;
    }

    /** Every service some knelpunt blocks, in the order the register first names them. */
    public List<String> services() {
        Set<String> services = new LinkedHashSet<>();
        knelpunten.forEach(k -> services.addAll(k.blocks()));
        return List.copyOf(services);
    }

    public List<Knelpunt> inArea(String area) {
        return knelpunten.stream().filter(k -> k.area().equals(area)).toList();
    }

    /** This register with a target's threshold overrides applied: knelpunt id -> threshold name -> value. */
    public Register withOverrides(Map<String, Map<String, Double>> overrides) {
        List<Knelpunt> result = new ArrayList<>();
        for (Knelpunt knelpunt : knelpunten) {
            Map<String, Double> byName = overrides.getOrDefault(knelpunt.id(), Map.of());
            if (byName.isEmpty()) {
                result.add(knelpunt);
                continue;
            }
            result.add(knelpunt.withOverrides(byName));
        }
        return new Register(source, result);
    }

    public Map<String, Knelpunt> byId() {
        Map<String, Knelpunt> map = new LinkedHashMap<>();
        knelpunten.forEach(k -> map.put(k.id(), k));
        return map;
    }
}
