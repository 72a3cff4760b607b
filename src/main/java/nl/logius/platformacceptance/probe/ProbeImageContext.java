package nl.logius.platformacceptance.probe;

import nl.logius.platformacceptance.platform.PlatformException;
import nl.logius.platformacceptance.probe.workload.ProbeMain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The build context of the probe image, made from files on this machine only (no registry is reachable):
 * a Java runtime cut down with jlink, the shared libraries it needs (as {@code ldd} lists them), the probe's
 * classes, and a Dockerfile {@code FROM scratch}. Its {@link #tag()} is a hash of the probe's classes and
 * the runtime, so that an unchanged probe is built once and reused by every later run.
 */
public final class ProbeImageContext {

    public static final String REPOSITORY = "localhost/platform-acceptance/probe";
    static final String MODULES = "java.base,jdk.httpserver,java.logging,jdk.crypto.ec,jdk.unsupported";
    private static final String PROBE_PACKAGE = ProbeMain.class.getPackageName().replace('.', '/');
    private static final Pattern LDD_LIBRARY = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x");

    private final Map<String, byte[]> probeClasses;
    private final String dockerfile;
    private final String tag;

    private ProbeImageContext(Map<String, byte[]> probeClasses) {
        this.probeClasses = probeClasses;
        this.dockerfile = String.join("\n",
                "FROM scratch",
                "COPY rootfs/ /",
                "ENV PATH=/opt/java/bin JAVA_HOME=/opt/java",
                "LABEL platform-acceptance.image=probe",
                "ENTRYPOINT [\"/opt/java/bin/java\", \"-XX:+UseSerialGC\", \"-XX:TieredStopAtLevel=1\", "
                        + "\"-XX:-UsePerfData\", \"-Xshare:auto\", \"-Xss512k\", \"-XX:MaxRAMPercentage=50\", "
                        + "\"-cp\", \"/opt/probe/classes\", \"" + ProbeMain.class.getName() + "\"]",
                "");
        this.tag = hash();
    }

    /** The context for the probe classes this harness was built with. */
    public static ProbeImageContext current() {
        return new ProbeImageContext(readProbeClasses());
    }

    /** {@code localhost/platform-acceptance/probe:<hash>}. */
    public String imageName() {
        return REPOSITORY + ":" + tag;
    }

    public String tag() {
        return tag;
    }

    public String dockerfile() {
        return dockerfile;
    }

    /**
     * Writes {@code rootfs/} (runtime, libraries, classes) into {@code dir}. Takes some seconds: jlink.
     *
     * @return the rootfs folder
     */
    public Path writeRootfs(Path dir) {
        Path rootfs = dir.resolve("rootfs");
        try {
            Path runtime = rootfs.resolve("opt/java");
            Files.createDirectories(runtime.getParent());
            jlink(runtime);
            copyLibraries(runtime, rootfs);
            for (Map.Entry<String, byte[]> entry : probeClasses.entrySet()) {
                Path file = rootfs.resolve("opt/probe/classes").resolve(entry.getKey());
                Files.createDirectories(file.getParent());
                Files.write(file, entry.getValue());
            }
            Files.createDirectories(rootfs.resolve("tmp"));
            return rootfs;
        } catch (IOException e) {
            throw new PlatformException("cannot assemble the probe image in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void jlink(Path output) {
        ToolProvider jlink = ToolProvider.findFirst("jlink").orElseThrow(() -> new PlatformException(
                "cannot build the probe image: this Java runtime has no jlink; run the harness with a JDK 17"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(log, true, StandardCharsets.UTF_8);
        int exit = jlink.run(out, out, "--add-modules", MODULES, "--strip-debug", "--no-header-files",
                "--no-man-pages", "--compress=2", "--generate-cds-archive", "--output", output.toString());
        if (exit != 0) {
            throw new PlatformException("jlink failed (exit " + exit + "): " + log.toString(StandardCharsets.UTF_8));
        }
    }

    /** Copies every shared library the runtime links against, at the same path inside the rootfs. */
    private static void copyLibraries(Path runtime, Path rootfs) throws IOException {
        List<Path> binaries = new ArrayList<>();
        binaries.add(runtime.resolve("bin/java"));
        try (Stream<Path> files = Files.walk(runtime.resolve("lib"))) {
            files.filter(file -> file.toString().endsWith(".so")).forEach(binaries::add);
        }
        Set<String> libraries = new TreeSet<>();
        for (Path binary : binaries) {
            libraries.addAll(ldd(binary));
        }
        for (String library : libraries) {
            Path target = rootfs.resolve(library.substring(1));
            Files.createDirectories(target.getParent());
            // Copy the file a symlink points to, under the symlink's name: the loader asks for that name.
            Files.copy(Path.of(library).toRealPath(), target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static Set<String> ldd(Path binary) throws IOException {
        Process process = new ProcessBuilder("ldd", binary.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running ldd", e);
        }
        Set<String> libraries = new TreeSet<>();
        for (String line : output.split("\n")) {
            if (line.contains("=>") && !line.contains("=> /")) {
                continue; // "not found" or a vdso: nothing to copy
            }
            Matcher matcher = LDD_LIBRARY.matcher(line);
            if (matcher.find() && !matcher.group(1).startsWith(binary.getParent().getParent().toString())) {
                libraries.add(matcher.group(1));
            }
        }
        return libraries;
    }

    private String hash() {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(dockerfile.getBytes(StandardCharsets.UTF_8));
            sha256.update((MODULES + Runtime.version()).getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, byte[]> entry : probeClasses.entrySet()) {
                sha256.update(entry.getKey().getBytes(StandardCharsets.UTF_8));
                sha256.update(entry.getValue());
            }
            return HexFormat.of().formatHex(sha256.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The class files of the probe's package, from a classes folder or from the harness's jar. */
    private static Map<String, byte[]> readProbeClasses() {
        URL location = ProbeMain.class.getProtectionDomain().getCodeSource().getLocation();
        try {
            Path root = Path.of(location.toURI());
            if (Files.isDirectory(root)) {
                return readClasses(root);
            }
            try (FileSystem jar = FileSystems.newFileSystem(root)) {
                return readClasses(jar.getPath("/"));
            }
        } catch (IOException | URISyntaxException e) {
            throw new PlatformException("cannot read the probe's classes from " + location, e);
        }
    }

    private static Map<String, byte[]> readClasses(Path root) throws IOException {
        Map<String, byte[]> classes = new TreeMap<>();
        Path packageDir = root.resolve(PROBE_PACKAGE);
        try (Stream<Path> files = Files.list(packageDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    classes.put(PROBE_PACKAGE + "/" + file.getFileName(), in.readAllBytes());
                }
            }
        }
        if (classes.isEmpty()) {
            throw new IOException("no probe classes under " + packageDir);
        }
        return classes;
    }
}
