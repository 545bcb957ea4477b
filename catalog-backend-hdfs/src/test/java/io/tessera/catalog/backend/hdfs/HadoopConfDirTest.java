package io.tessera.catalog.backend.hdfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.testkit.ChildJvm;
import io.tessera.catalog.testkit.SampleLayers;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hadoop settings come from {@code $HADOOP_CONF_DIR} as on a cluster's edge node, and options given
 * to {@code Catalog.open} win over them. Each writer runs in a child JVM, the only way to give it an
 * environment; the replication factor of the files it wrote shows which setting it used.
 */
class HadoopConfDirTest {

    @TempDir
    Path dir;

    @Test
    void siteFilesInHadoopConfDirConfigureTheCatalogAndOpenOptionsWinOverThem() throws Exception {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("hdfs-site.xml"), """
                <?xml version="1.0"?>
                <configuration>
                  <property><name>dfs.replication</name><value>2</value></property>
                </configuration>
                """);
        String catalog = HdfsTestServer.get().newDirectory();
        String uri = catalog + "?dfs.client.block.write.locateFollowingBlock.initial.delay.ms=5";

        write(conf, uri, "from-environment");
        write(conf, uri + "&dfs.replication=1", "from-options");

        assertEquals(Set.of((short) 2), replicationOfFilesUnder(catalog + "/from-environment"));
        assertEquals(Set.of((short) 1), replicationOfFilesUnder(catalog + "/from-options"));
    }

    private void write(Path conf, String uri, String name) throws IOException, InterruptedException {
        Path log = dir.resolve(name + ".log");
        Process child = ChildJvm.start(HadoopConfDirTest.class, log, Map.of("HADOOP_CONF_DIR", conf.toString()),
                uri, name);
        assertTrue(child.waitFor(5, TimeUnit.MINUTES), "writer did not finish");
        assertEquals(0, child.exitValue(), () -> "writer failed: " + read(log));
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static Set<Short> replicationOfFilesUnder(String layerDir) throws IOException {
        Set<Short> factors = new HashSet<>();
        try (FileSystem fs = FileSystem.newInstance(URI.create(layerDir), new Configuration())) {
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(new org.apache.hadoop.fs.Path(layerDir), true);
            while (files.hasNext()) {
                factors.add(files.next().getReplication());
            }
        }
        return factors;
    }

    /** The child: writes a small layer named {@code args[1]} to the catalog {@code args[0]}. */
    public static void main(String[] args) {
        try (Catalog catalog = Catalog.open(args[0])) {
            catalog.write(args[1], SampleLayers.spatial(0, 0, 3, 3));
        }
    }
}
