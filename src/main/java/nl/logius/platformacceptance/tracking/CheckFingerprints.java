package nl.logius.platformacceptance.tracking;

import nl.logius.platformacceptance.json.Mappers;
import nl.logius.platformacceptance.register.Knelpunt;
import nl.logius.platformacceptance.register.Register;
import nl.logius.platformacceptance.verdict.CheckFingerprint;
import nl.logius.platformacceptance.verdict.HarnessBuild;
import nl.logius.platformacceptance.verdict.CheckFingerprint.CriterionFingerprint;
import nl.logius.platformacceptance.verdict.CheckFingerprint.ParameterView;
import nl.logius.platformacceptance.verdict.CheckFingerprint.ThresholdView;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Takes the fingerprint of a check for {@code verdicts.json}: the SHA-256 of its class's bytecode (with every
 * class nested in it: member, local and anonymous classes, lambdas live in the class itself) as read from the
 * classpath, the criteria of the knelpunten it verifies as the run used them (target overrides applied), and
 * its source file with the SHA-256 of its text, which the build packages under {@value #SOURCES}.
 *
 * <p>The code version is the check class only: helpers outside it (drivers, probes, statistics) are covered by
 * the harness commit that {@code verdicts.json} records as well. The bytecode tells two runs' checks apart (the
 * same source compiled by another compiler may hash differently, which {@code compare} reports as a change of
 * code worth a look, never as a weakening); the source text is what an auditor recomputes from the repository.
 */
public final class CheckFingerprints {

    /** Where the build puts the checks' source text on the class path (pom.xml), under its repository path. */
    static final String SOURCES = "check-sources/";

    private CheckFingerprints() {
    }

    /** With the source of a harness of unknown commit. */
    public static CheckFingerprint of(Class<?> checkClass, List<String> knelpunten, Register register) {
        return of(checkClass, knelpunten, register, "unknown");
    }

    /** @param commit the harness commit the source path refers to */
    public static CheckFingerprint of(Class<?> checkClass, List<String> knelpunten, Register register, String commit) {
        Map<String, CriterionFingerprint> criteria = new TreeMap<>();
        for (String id : knelpunten) {
            register.find(id).ifPresent(knelpunt -> criteria.put(id, criterion(knelpunt)));
        }
        String codeHash = code(checkClass);
        List<String> names = nestOf(checkClass).stream().map(Class::getName).toList();
        return new CheckFingerprint(codeHash, names, criteria, digest(codeHash, names, criteria), source(checkClass, commit));
    }

    /** The check's source file in the repository, and the SHA-256 of the text the build packaged. */
    static CheckFingerprint.Source source(Class<?> checkClass, String commit) {
        Class<?> topLevel = checkClass.getNestHost();
        String path = "src/main/java/" + topLevel.getName().replace('.', '/') + ".java";
        ClassLoader loader = topLevel.getClassLoader() != null ? topLevel.getClassLoader() : ClassLoader.getSystemClassLoader();
        try (InputStream in = loader.getResourceAsStream(SOURCES + path)) {
            if (in == null) {
                return new CheckFingerprint.Source(path, commit, null, "this build did not package the source text (" + SOURCES
                        + path + " is not on the class path)");
            }
            return new CheckFingerprint.Source(path, commit, "sha256:" + HexFormat.of().formatHex(sha256().digest(in.readAllBytes())), null);
        } catch (IOException e) {
            return new CheckFingerprint.Source(path, commit, null, "the packaged source text could not be read: " + e.getMessage());
        }
    }

    /**
     * The build of the harness as far as verdicts depend on it: the code of every check (by id) and the probe image.
     *
     * @param checks     every check of the build by id, with its class
     * @param probeImage the probe image it deploys, or null when unknown
     */
    public static HarnessBuild build(Map<String, Class<?>> checks, String probeImage) {
        MessageDigest all = sha256();
        for (Map.Entry<String, Class<?>> check : new TreeMap<>(checks).entrySet()) {
            all.update((check.getKey() + " " + code(check.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return new HarnessBuild("sha256:" + HexFormat.of().formatHex(all.digest()), checks.size(), probeImage);
    }

    /** A knelpunt's criterion in words and as data, as a check compares with it. */
    public static CriterionFingerprint criterion(Knelpunt knelpunt) {
        return new CriterionFingerprint(knelpunt.criterion(),
                knelpunt.thresholds().stream().map(t -> new ThresholdView(t.name(), t.comparison().symbol(), t.value(),
                        t.unit().symbol())).toList(),
                knelpunt.parameters().stream().map(p -> new ParameterView(p.name(), p.values(), p.unit().symbol())).toList());
    }

    private static List<Class<?>> nestOf(Class<?> checkClass) {
        return Arrays.stream(checkClass.getNestHost().getNestMembers()).sorted((a, b) -> a.getName().compareTo(b.getName())).toList();
    }

    /** {@code sha256:<hex>} of the bytecode of the check class and every class nested in it, with their names. */
    private static String code(Class<?> checkClass) {
        MessageDigest code = sha256();
        for (Class<?> type : nestOf(checkClass)) {
            code.update(type.getName().getBytes(StandardCharsets.UTF_8));
            code.update(bytecode(type));
        }
        return "sha256:" + HexFormat.of().formatHex(code.digest());
    }

    private static String digest(String code, List<String> classes, Map<String, CriterionFingerprint> criteria) {
        try {
            // Records and a sorted map serialize in a fixed order: the same content always gives the same text.
            String canonical = Mappers.JSON.writeValueAsString(List.of(code, classes, criteria));
            return "sha256:" + HexFormat.of().formatHex(sha256().digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize a fingerprint", e);
        }
    }

    private static byte[] bytecode(Class<?> type) {
        String resource = type.getName().replace('.', '/') + ".class";
        ClassLoader loader = type.getClassLoader() != null ? type.getClassLoader() : ClassLoader.getSystemClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the bytecode of " + type.getName() + " is not on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bytecode of " + type.getName(), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
