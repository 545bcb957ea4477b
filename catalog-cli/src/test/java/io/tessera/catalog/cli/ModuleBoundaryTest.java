package io.tessera.catalog.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.backend.cassandra.CassandraCatalogProvider;
import io.tessera.catalog.backend.accumulo.AccumuloCatalogProvider;
import io.tessera.catalog.backend.hbase.HBaseCatalogProvider;
import io.tessera.catalog.backend.file.FileCatalogProvider;
import io.tessera.catalog.backend.hdfs.HdfsCatalogProvider;
import io.tessera.catalog.backend.s3.S3CatalogProvider;
import io.tessera.catalog.geotiff.GeoTiff;
import io.tessera.catalog.serve.TileServer;
import io.tessera.catalog.spark.SparkCatalog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The module boundary, checked on the compiled classes with the JDK's {@code jdeps}: the packages of
 * {@code catalog-core} have no dependency cycle, and every other module of the product uses only the
 * packages core exports (its public API and the backend SPI), plus the internal packages it is
 * declared a friend of here. This list is the export list {@code docs/architecture.md} describes.
 */
class ModuleBoundaryTest {

    private static final String CORE = "io.tessera.catalog";

    /** What users and backends may use. */
    static final Set<String> EXPORTED = Set.of(CORE, CORE + ".exceptions", CORE + ".model", CORE + ".raster",
            CORE + ".layout", CORE + ".index", CORE + ".query", CORE + ".histogram", CORE + ".spi",
            CORE + ".spi.tree", CORE + ".spi.table");

    /** Core's internal packages. */
    static final Set<String> INTERNAL = Set.of(CORE + ".codec", CORE + ".format", CORE + ".store");

    /** Internal packages a product module may use, and why. */
    static final Map<String, Set<String>> FRIENDS = Map.of(
            // GeoTIFF tiles deflate through the records' zlib loop; pyramid levels park in the tile spill.
            "catalog-raster", Set.of(CORE + ".codec", CORE + ".store"),
            "catalog-cli", Set.of(),
            "catalog-backend-file", Set.of(),
            "catalog-backend-s3", Set.of(),
            "catalog-backend-hdfs", Set.of(),
            "catalog-backend-cassandra", Set.of(),
            "catalog-backend-hbase", Set.of(),
            "catalog-backend-accumulo", Set.of(),
            "catalog-spark", Set.of(),
            "catalog-serve", Set.of());

    private static final Pattern EDGE = Pattern.compile("^\\s+(\\S+)\\s+->\\s+(\\S+)\\s");

    private static Path codeOf(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Package → the io.tessera packages it depends on, for the classes at {@code code}. */
    private static Map<String, Set<String>> dependencies(Path code) {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow(() -> new AssertionError("jdeps is not in this JDK"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(err), "-verbose:package", "-filter:none",
                "-e", "io\\.tessera\\..*", code.toString());
        assertEquals(0, rc, "jdeps failed: " + err);
        Map<String, Set<String>> edges = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            Matcher m = EDGE.matcher(line);
            if (m.find() && !m.group(1).equals(m.group(2))) {
                edges.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
            }
        }
        assertTrue(!edges.isEmpty() || out.toString().contains("->"), "jdeps found nothing in " + code + ": " + out);
        return edges;
    }

    @Test
    void coreHasNoPackageCycles() {
        Map<String, Set<String>> edges = dependencies(codeOf(Catalog.class));
        assertTrue(edges.containsKey(CORE + ".store"), "core's packages were read: " + edges.keySet());
        List<List<String>> cycles = new ArrayList<>();
        for (String from : edges.keySet()) {
            for (String to : edges.get(from)) {
                if (from.compareTo(to) < 0 && reaches(edges, to, from)) {
                    cycles.add(List.of(from, to));
                }
            }
        }
        assertEquals(List.of(), cycles, "package pairs that depend on each other, directly or not");
    }

    private static boolean reaches(Map<String, Set<String>> edges, String from, String target) {
        Set<String> seen = new HashSet<>();
        List<String> todo = new ArrayList<>(List.of(from));
        while (!todo.isEmpty()) {
            String p = todo.remove(todo.size() - 1);
            if (p.equals(target)) {
                return true;
            }
            if (seen.add(p)) {
                todo.addAll(edges.getOrDefault(p, Set.of()));
            }
        }
        return false;
    }

    @Test
    void modulesUseOnlyWhatCoreExports() {
        Map<String, Path> modules = new HashMap<>();
        modules.put("catalog-raster", codeOf(GeoTiff.class));
        modules.put("catalog-cli", codeOf(Tessera.class));
        modules.put("catalog-backend-file", codeOf(FileCatalogProvider.class));
        modules.put("catalog-backend-s3", codeOf(S3CatalogProvider.class));
        modules.put("catalog-backend-hdfs", codeOf(HdfsCatalogProvider.class));
        modules.put("catalog-backend-cassandra", codeOf(CassandraCatalogProvider.class));
        modules.put("catalog-backend-hbase", codeOf(HBaseCatalogProvider.class));
        modules.put("catalog-backend-accumulo", codeOf(AccumuloCatalogProvider.class));
        modules.put("catalog-spark", codeOf(SparkCatalog.class));
        modules.put("catalog-serve", codeOf(TileServer.class));
        Map<String, Set<String>> violations = new TreeMap<>();
        modules.forEach((module, code) -> dependencies(code).forEach((from, tos) -> {
            for (String to : tos) {
                boolean core = to.equals(CORE) || (to.startsWith(CORE + ".") && (EXPORTED.contains(to) || INTERNAL.contains(to)));
                if (core && !EXPORTED.contains(to) && !FRIENDS.get(module).contains(to)) {
                    violations.computeIfAbsent(module, k -> new TreeSet<>()).add(from + " -> " + to);
                }
            }
        }));
        assertEquals(Map.of(), violations, "uses of core's internal packages outside the declared friends");
    }

    @Test
    void everyCorePackageIsEitherExportedOrInternal() {
        Set<String> packages = new TreeSet<>(dependencies(codeOf(Catalog.class)).keySet());
        packages.removeAll(EXPORTED);
        packages.removeAll(INTERNAL);
        assertEquals(Set.of(), packages, "core packages missing from the export list");
    }
}
