package io.tessera.catalog.spark;

import io.tessera.catalog.backend.hdfs.HdfsTestServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;

/** Spark on the HDFS backend, and a Spark ingest of GeoTIFFs stored in HDFS, against a MiniDFSCluster. */
class SparkOnHdfsTest extends SparkCatalogSuite {

    @Override
    protected String newCatalogUri() {
        return HdfsTestServer.get().newCatalogUri();
    }

    @Test
    void aSparkIngestOfFilesInHdfsCutsWhatASingleJvmIngestOfTheSameFilesCuts() throws IOException {
        List<Path> local = List.of(REAL.resolve("lc8-utm-1.tif"));
        String dir = HdfsTestServer.get().newDirectory() + "/inputs";
        List<String> inHdfs = new ArrayList<>();
        try (FileSystem fs = FileSystem.newInstance(URI.create(dir), new Configuration())) {
            for (Path p : local) {
                org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(dir, p.getFileName().toString());
                fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(p.toUri()), target);
                inHdfs.add(target.toString());
            }
        }
        assertSparkIngestIsTheSingleJvmIngest(inHdfs, local);
    }
}
