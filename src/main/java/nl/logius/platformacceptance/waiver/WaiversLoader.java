package nl.logius.platformacceptance.waiver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nl.logius.platformacceptance.input.Located;
import nl.logius.platformacceptance.input.StrictYaml;
import nl.logius.platformacceptance.register.Knelpunt;
import nl.logius.platformacceptance.register.Register;
import nl.logius.platformacceptance.target.ReleaseLabel;
import nl.logius.platformacceptance.waiver.WaiversYaml.WaiverYaml;

/**
 * Reads the waivers ({@code suites/waivers.yaml}) strictly: any problem is a
 * {@link nl.logius.platformacceptance.input.BadInputException} at its {@code file:line:column}, before anything
 * touches the platform. Beyond the YAML shape ({@link WaiversYaml}: knelpunt, reason, approver and expires
 * required; release optional) it checks that
 * <ul>
 *   <li>each knelpunt is in the register;</li>
 *   <li>the release, when given, is a release label (as in a target profile);</li>
 *   <li>a knelpunt has at most one waiver per release, and at most one for every release.</li>
 * </ul>
 * An expired waiver is not bad input: the run reports it as expired, and it does not count.
 */
public final class WaiversLoader {

    /** Where the waivers live in the project; the file is optional. */
    public static final Path DEFAULT_FILE = Path.of("suites/waivers.yaml");

    /** The same rule as a target profile's release label: it names a folder under reports/. */

    private WaiversLoader() {
    }

    public static Waivers load(Path file, Register register) {
        WaiversYaml yaml = StrictYaml.read(file, WaiversYaml.class);
        Map<String, Located<String>> seen = new HashMap<>();
        List<Waiver> waivers = new ArrayList<>();
        for (Located<WaiverYaml> entry : yaml.waivers().value()) {
            WaiverYaml waiver = entry.value();
            Located<String> id = waiver.knelpunt();
            if (register.find(id.value()).isEmpty()) {
                throw id.problem("unknown knelpunt '" + id.value() + "'; expected one of the register's knelpunten: "
                        + register.knelpunten().stream().map(Knelpunt::id).collect(Collectors.joining(", ")));
            }
            String release = waiver.release() == null ? null : waiver.release().value();
            if (release != null && !ReleaseLabel.valid(release)) {
                throw waiver.release().problem("malformed release '" + release + "'; " + ReleaseLabel.EXPECTED);
            }
            String scope = id.value() + (release == null ? " (every release)" : " in release " + release);
            Located<String> first = seen.putIfAbsent(scope, id);
            if (first != null) {
                throw id.problem("duplicate waiver for " + scope + " (first at " + first.position()
                        + "); expected one waiver per knelpunt and release");
            }
            waivers.add(new Waiver(id.value(), waiver.reason().value().strip(), waiver.approver().value().strip(),
                    date(waiver.expires()), release, file + ":" + entry.position()));
        }
        return new Waivers(file, waivers);
    }

    private static LocalDate date(Located<String> text) {
        try {
            return LocalDate.parse(text.value().strip(), DateTimeFormatter.ISO_LOCAL_DATE);
        } catch (DateTimeParseException e) {
            throw text.problem("malformed date '" + text.value() + "'; expected " + WaiversYaml.EXPIRES);
        }
    }

    /** {@code file} if it exists, else no waivers (the default file is optional; an explicit one is not). */
    public static Waivers loadIfPresent(Path file, Register register) {
        return Files.isRegularFile(file) ? load(file, register) : Waivers.none();
    }
}
