package io.mooring.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The OpenSearch home: the integ-test zip unpacked once, plus the modules that zip lacks
 * (analysis-common, lang-painless, mapper-extras, reindex) assembled from the plugin jars the build
 * copied, each with a plugin-descriptor.properties. Installed in a staging dir and moved into place,
 * so concurrent JVMs never see half an installation. World-readable, so an unprivileged user can run it.
 */
final class OpenSearchInstallation {

    private record Module(String dir, String pluginClass, String extendedPlugins, String securityPolicy) {
    }

    private static final List<Module> MISSING_MODULES = List.of(
            new Module("lang-painless", "org.opensearch.painless.PainlessModulePlugin", "",
                    "grant {\n  permission java.lang.RuntimePermission \"createClassLoader\";\n"
                            + "  permission java.lang.RuntimePermission \"getClassLoader\";\n};\n"),
            new Module("analysis-common", "org.opensearch.analysis.common.CommonAnalysisModulePlugin", "lang-painless",
                    null),
            new Module("mapper-extras", "org.opensearch.index.mapper.MapperExtrasModulePlugin", "", null),
            new Module("reindex", "org.opensearch.index.reindex.ReindexModulePlugin", "",
                    "grant {\n  permission java.net.SocketPermission \"*\", \"connect\";\n};\n"));

    private OpenSearchInstallation() {
    }

    /** The installed home, installing it first if needed. */
    static Path ensure(ServerLocations locations) {
        Path home = locations.openSearchHome();
        if (Files.isDirectory(home.resolve("modules"))) {
            return home;
        }
        synchronized (OpenSearchInstallation.class) {
            if (Files.isDirectory(home.resolve("modules"))) {
                return home;
            }
            try {
                install(locations, home);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot install OpenSearch into " + home, e);
            }
            return home;
        }
    }

    private static void install(ServerLocations locations, Path home) throws IOException {
        Path zip = ServerLocations.requireExists(locations.openSearchZip());
        Path modulesDir = ServerLocations.requireExists(locations.openSearchModulesDir());
        Files.createDirectories(home.getParent());
        Path staging = Files.createTempDirectory(home.getParent(), home.getFileName() + ".staging-");
        try {
            unzipStrippingTopDir(zip, staging);
            for (Module module : MISSING_MODULES) {
                addModule(module, modulesDir.resolve(module.dir()), staging.resolve("modules").resolve(module.dir()),
                        locations.openSearchVersion());
            }
            makeWorldReadable(staging);
            try {
                Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                // another JVM installed it meanwhile
            }
        } finally {
            deleteTree(staging);
        }
    }

    private static void unzipStrippingTopDir(Path zip, Path target) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : file.stream().toList()) {
                String name = entry.getName();
                int slash = name.indexOf('/');
                if (slash < 0 || slash == name.length() - 1) {
                    continue;
                }
                Path out = target.resolve(name.substring(slash + 1)).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException("zip entry outside the target: " + name);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    try (InputStream in = file.getInputStream(entry)) {
                        Files.copy(in, out);
                    }
                }
            }
        }
    }

    private static void addModule(Module module, Path jars, Path target, String version) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(jars)) {
            for (Path jar : files.filter(f -> f.toString().endsWith(".jar")).toList()) {
                Files.copy(jar, target.resolve(jar.getFileName()));
            }
        }
        Files.writeString(target.resolve("plugin-descriptor.properties"), String.join("\n",
                "description=" + module.dir() + " (assembled from Maven Central)",
                "version=" + version,
                "name=" + module.dir(),
                "classname=" + module.pluginClass(),
                "java.version=21",
                "opensearch.version=" + version,
                "custom.foldername=",
                "extended.plugins=" + module.extendedPlugins(),
                "has.native.controller=false",
                ""));
        if (module.securityPolicy() != null) {
            Files.writeString(target.resolve("plugin-security.policy"), module.securityPolicy());
        }
    }

    private static void makeWorldReadable(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.toList()) {
                boolean executable = Files.isDirectory(path) || path.getParent().getFileName().toString().equals("bin")
                        && !path.toString().endsWith(".bat") && !path.toString().endsWith(".exe");
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
