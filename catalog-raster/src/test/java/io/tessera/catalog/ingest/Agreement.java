package io.tessera.catalog.ingest;

import io.tessera.catalog.raster.Tile;

/** How closely two rasters of the same grid agree, counted over cells where either has data. */
record Agreement(long compared, long identical, long within, double maxDiff) {

    static Agreement of(Tile ours, Tile gdal, double tolerance) {
        long compared = 0;
        long identical = 0;
        long within = 0;
        double max = 0;
        for (int i = 0; i < ours.size(); i++) {
            boolean a = ours.isNoData(i) || (!ours.cellType().hasNoData() && ours.getDouble(i) == 0);
            boolean b = gdal.isNoData(i) || (!gdal.cellType().hasNoData() && gdal.getDouble(i) == 0);
            if (a && b) {
                continue;
            }
            compared++;
            if (a != b) {
                continue;
            }
            double d = Math.abs(ours.getDouble(i) - gdal.getDouble(i));
            if (d == 0) {
                identical++;
            }
            if (d <= tolerance) {
                within++;
            }
            max = Math.max(max, d);
        }
        return new Agreement(compared, identical, within, max);
    }

    double identicalShare() {
        return compared == 0 ? 1 : (double) identical / compared;
    }

    double withinShare() {
        return compared == 0 ? 1 : (double) within / compared;
    }
}
