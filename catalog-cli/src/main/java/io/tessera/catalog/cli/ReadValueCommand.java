package io.tessera.catalog.cli;

import io.tessera.catalog.Catalog;
import io.tessera.catalog.model.KeyType;
import io.tessera.catalog.model.LayerKey;
import io.tessera.catalog.raster.MultibandTile;
import io.tessera.catalog.raster.Tile;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tessera read-value URI NAME ZOOM COL ROW [INSTANT]}. */
@Command(name = "read-value", mixinStandardHelpOptions = true, description = "Read one tile and print a summary per band. Exit code 3 when the layer"
        + " has no tile at the key.")
final class ReadValueCommand implements Callable<Integer> {

    @Mixin
    LayerRef layer;

    @Parameters(index = "3", paramLabel = "COL")
    int col;

    @Parameters(index = "4", paramLabel = "ROW")
    int row;

    @Parameters(index = "5", arity = "0..1", paramLabel = "INSTANT", description = "For space-time layers: ISO-8601 time or epoch ms.")
    String instant;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Catalog c = Catalog.open(layer.catalogUri())) {
            LayerKey key = Parsing.key(col, row, instant, c.keyType(layer.name, layer.zoom) == KeyType.SPACE_TIME);
            Optional<MultibandTile> tile = c.readValue(layer.name, layer.zoom, key);
            if (tile.isEmpty()) {
                spec.commandLine().getErr().println("no tile at " + key + " in layer " + layer.name + " zoom " + layer.zoom);
                return Tessera.EXIT_ABSENT;
            }
            MultibandTile t = tile.get();
            out.println("tile " + key + ": " + t.cols() + "x" + t.rows() + ", " + t.bandCount() + " band(s)");
            for (int b = 0; b < t.bandCount(); b++) {
                out.println("band " + b + ": " + summary(t.band(b)));
            }
        }
        return 0;
    }

    static String summary(Tile band) {
        long n = 0;
        long noData = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (int i = 0; i < band.size(); i++) {
            if (band.isNoData(i)) {
                noData++;
                continue;
            }
            double v = band.getDouble(i);
            n++;
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return band.cellType() + ", " + n + " values, " + noData + " NoData"
                + (n == 0 ? "" : ", min " + min + ", max " + max + ", mean " + (sum / n));
    }
}
