package io.tessera.catalog.cli;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.TileLayer;
import io.tessera.catalog.model.CRS;
import io.tessera.catalog.model.Extent;
import io.tessera.catalog.model.KeyedTile;
import io.tessera.catalog.query.LayerQuery;
import io.tessera.catalog.query.TimeInterval;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tessera query URI NAME ZOOM [--extent … | --wkt …] [--crs EPSG:n] [--time T | --time T1/T2]…}. */
@Command(name = "query", mixinStandardHelpOptions = true, description = "List the keys of the tiles a region and/or time selects, and their count.")
final class QueryCommand implements Callable<Integer> {

    @Mixin
    LayerRef layer;

    @ArgGroup(exclusive = true)
    Region region;

    static final class Region {
        @Option(names = "--extent", paramLabel = "XMIN,YMIN,XMAX,YMAX", description = "A box.")
        String extent;

        @Option(names = "--wkt", paramLabel = "WKT", description = "A POLYGON or MULTIPOLYGON in WKT.")
        String wkt;
    }

    @Option(names = "--crs", paramLabel = "CRS", description = "CRS of the region (EPSG:n or PROJ.4); default: the layer's.")
    String crs;

    @Option(names = "--time", paramLabel = "T|T1/T2", description = "An instant or inclusive interval; repeat for several.")
    List<String> times = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        LayerQuery q = LayerQuery.all();
        if (region != null && region.extent != null) {
            q = LayerQuery.intersecting(Extent.parse(region.extent));
        } else if (region != null && region.wkt != null) {
            try {
                q = LayerQuery.intersecting(new WKTReader().read(region.wkt));
            } catch (ParseException e) {
                throw new IllegalArgumentException("cannot read --wkt: " + e.getMessage(), e);
            }
        }
        if (crs != null) {
            q = q.inCrs(CRS.parse(crs));
        }
        if (!times.isEmpty()) {
            List<TimeInterval> intervals = new ArrayList<>();
            for (String t : times) {
                intervals.add(Parsing.interval(t));
            }
            q = q.during(intervals);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Catalog c = Catalog.open(layer.catalogUri())) {
            TileLayer<?> result = c.query(layer.name, layer.zoom, q);
            long n = 0;
            try (Stream<? extends KeyedTile<?>> s = result.stream()) {
                Iterator<? extends KeyedTile<?>> it = s.iterator();
                while (it.hasNext()) {
                    out.println(it.next().key());
                    n++;
                }
            }
            out.println(n + " tile(s)");
        }
        return 0;
    }
}
