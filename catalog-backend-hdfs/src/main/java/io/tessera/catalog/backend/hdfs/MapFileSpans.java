package io.tessera.catalog.backend.hdfs;

import io.tessera.catalog.exceptions.CatalogIOException;
import io.tessera.catalog.index.IndexRange;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BigIntWritable;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.MapFile;
import org.apache.hadoop.io.SequenceFile;

/**
 * The MapFiles of one layer directory and the index span each holds, found as GeoTrellis's readers
 * find them: from the directory names {@code part-r-<partition>-<first index>} (or, when a name does
 * not parse, from the first key of the file's {@code index}), each file spanning up to the index
 * before the next file's first. No data file is opened to learn a span.
 *
 * <p>A rewrite of some of the files ({@link HdfsReplaceBatch}) names what it drops and adds in an
 * intent file before it moves anything; while one stands, the files are those it leaves, wherever
 * its new files are at that moment, so a reader never sees a file twice or misses one.
 */
final class MapFileSpans {

    private static final Pattern NAME = Pattern.compile("part-r-(\\d+)-(\\d+)");
    private static final Pattern ANY_PART = Pattern.compile("part-r-\\d+.*");

    /** One MapFile and the inclusive index span it may hold. */
    record Span(Path file, int partition, long first, long last) {
        boolean meets(IndexRange r) {
            return first <= r.end() && last >= r.start();
        }
    }

    private MapFileSpans() {
    }

    /** The name GeoTrellis gives a MapFile: partition number and first index. */
    static String name(int partition, long firstIndex) {
        return String.format("part-r-%05d-%d", partition, firstIndex);
    }

    /** Every MapFile of {@code layerDir} in index order, with its span; empty when the directory does not exist. */
    static List<Span> of(FileSystem fs, Configuration conf, Path layerDir) {
        FileStatus[] entries;
        try {
            entries = fs.listStatus(layerDir);
        } catch (FileNotFoundException gone) {
            return List.of();
        } catch (IOException e) {
            throw new CatalogIOException("cannot list " + layerDir + ": " + HadoopErrors.reason(e), e);
        }
        Map<String, Path> files = new TreeMap<>();
        for (FileStatus s : entries) {
            if (s.isDirectory() && ANY_PART.matcher(s.getPath().getName()).matches()) {
                files.put(s.getPath().getName(), s.getPath());
            }
        }
        for (FileStatus s : entries) {
            if (!s.isDirectory() && ReplaceIntent.isIntent(s.getPath().getName())) {
                ReplaceIntent.read(fs, s.getPath()).ifPresent(intent -> intent.applyTo(files));
            }
        }
        List<long[]> found = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        for (Map.Entry<String, Path> e : files.entrySet()) {
            Matcher m = NAME.matcher(e.getKey());
            long first;
            int partition;
            if (m.matches()) {
                partition = Integer.parseInt(m.group(1));
                first = Long.parseLong(m.group(2));
            } else {
                partition = -1;
                first = firstKey(fs, conf, e.getValue());
            }
            found.add(new long[] {first, partition, paths.size()});
            paths.add(e.getValue());
        }
        found.sort(Comparator.comparingLong((long[] f) -> f[0]));
        List<Span> spans = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i++) {
            long[] f = found.get(i);
            long last = i + 1 < found.size() ? found.get(i + 1)[0] - 1 : Long.MAX_VALUE;
            spans.add(new Span(paths.get((int) f[2]), (int) f[1], f[0], Math.max(last, f[0])));
        }
        return spans;
    }

    private static long firstKey(FileSystem fs, Configuration conf, Path mapFile) {
        Path index = new Path(mapFile, MapFile.INDEX_FILE_NAME);
        try (SequenceFile.Reader r = new SequenceFile.Reader(conf, SequenceFile.Reader.file(fs.makeQualified(index)))) {
            BigIntWritable key = new BigIntWritable();
            if (!r.next(key, new LongWritable())) {
                return Long.MAX_VALUE;
            }
            return key.index();
        } catch (IOException e) {
            throw new CatalogIOException("cannot read the first key of " + mapFile + ": " + HadoopErrors.reason(e), e);
        }
    }
}
