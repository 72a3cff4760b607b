package nl.logius.platformacceptance.run;

import nl.logius.platformacceptance.runfolder.HarnessInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a check's {@code @Verifies("KP-..")} names a knelpunt, as {@code file:line:column} of the id in its source
 * ({@code src/main/java/.../InstanceLossCheck.java:30:12}), so that a wrong id is reported like any other bad
 * input. Without the source at hand (the harness runs from a jar), it is the class's source file name.
 */
final class VerifiesPosition {

    private static final List<String> SOURCE_ROOTS = List.of("src/main/java", "src/test/java");

    private VerifiesPosition() {
    }

    static String of(Class<?> checkClass, String knelpuntId) {
        String topLevel = checkClass.getName().replaceFirst("\\$.*", "");
        String relative = topLevel.replace('.', '/') + ".java";
        Path home = HarnessInfo.projectHome();
        for (String root : SOURCE_ROOTS) {
            Path file = home.resolve(root).resolve(relative);
            if (Files.isRegularFile(file)) {
                try {
                    String where = find(Files.readString(file), checkClass.getSimpleName(), knelpuntId);
                    if (where != null) {
                        return Path.of(root, relative) + ":" + where;
                    }
                } catch (IOException e) {
                    break;
                }
            }
        }
        return relative;
    }

    /** {@code line:column} of the id in the {@code @Verifies} that precedes the class's declaration, or null. */
    static String find(String source, String simpleName, String knelpuntId) {
        Matcher declaration = Pattern.compile("\\b(class|record)\\s+" + Pattern.quote(simpleName) + "\\b").matcher(source);
        if (!declaration.find()) {
            return null;
        }
        int annotation = source.lastIndexOf("@Verifies", declaration.start());
        if (annotation < 0) {
            return null;
        }
        int id = source.indexOf("\"" + knelpuntId + "\"", annotation);
        if (id < 0 || id > declaration.start()) {
            return null;
        }
        int offset = id + 1;
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (source.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return line + ":" + (offset - lineStart + 1);
    }
}
