package nl.logius.platformacceptance.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.logius.platformacceptance.bundle.TrustedKeys;
import nl.logius.platformacceptance.register.Register;
import nl.logius.platformacceptance.register.RegisterLoader;
import nl.logius.platformacceptance.target.TargetLoader;
import nl.logius.platformacceptance.waiver.WaiversLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file under {@code src/test/resources/bad-input/register}, {@code .../target}, {@code .../waivers} and
 * {@code .../trusted-keys} is refused by its loader
 * at the position and with the message its first line declares: {@code # expect: 7:14 unknown unit 'sec'}.
 * To cover a new rule, add a file; no code changes.
 */
class BadInputCorpusTest {

    private static final Path CORPUS = Path.of("src/test/resources/bad-input");
    private static final Pattern EXPECT = Pattern.compile("# expect: (\\d+):(\\d+) (.+)");
    private static final Register REGISTER = RegisterLoader.load(Path.of("suites/knelpunten.yaml"));

    static Stream<Path> corpus() throws IOException {
        return Stream.of("register", "target", "waivers", "trusted-keys").flatMap(folder -> files(CORPUS.resolve(folder)).stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void is_refused_at_the_declared_position_with_the_declared_message(Path file) throws IOException {
        Matcher expect = EXPECT.matcher(Files.readAllLines(file).get(0));
        assertThat(expect.matches()).as("first line of %s is '# expect: LINE:COLUMN message'", file).isTrue();

        BadInputException refused = catchThrowableOfType(BadInputException.class, () -> load(file));

        assertThat(refused).as("%s is refused", file).isNotNull();
        assertThat(refused.where()).isEqualTo(file + ":" + expect.group(1) + ":" + expect.group(2));
        assertThat(refused.getMessage())
                .startsWith(refused.where() + ": ")
                .contains(expect.group(3))
                .as("says what is expected").contains("; expected ");
    }

    @Test
    void the_corpus_covers_every_loader() throws IOException {
        assertThat(files(CORPUS.resolve("register"))).hasSizeGreaterThanOrEqualTo(12);
        assertThat(files(CORPUS.resolve("target"))).hasSizeGreaterThanOrEqualTo(10);
        assertThat(files(CORPUS.resolve("waivers"))).hasSizeGreaterThanOrEqualTo(10);
        assertThat(files(CORPUS.resolve("trusted-keys"))).hasSizeGreaterThanOrEqualTo(10);
    }

    private static void load(Path file) {
        String loader = file.getParent().getFileName().toString();
        if (loader.equals("register")) {
            RegisterLoader.load(file);
        } else if (loader.equals("waivers")) {
            WaiversLoader.load(file, REGISTER);
        } else if (loader.equals("trusted-keys")) {
            TrustedKeys.load(file);
        } else {
            TargetLoader.load(file, REGISTER);
        }
    }

    private static List<Path> files(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
