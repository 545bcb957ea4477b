package io.tessera.catalog.ingest;

import io.tessera.catalog.model.CRS;
import io.tessera.catalog.warp.ResampleMethod;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How inputs are cut into a layer.
 *
 * @param layout the tile grid
 * @param targetCrs the CRS of the layer; empty keeps the inputs' own (they must then share one)
 * @param resample how source pixels are sampled onto the layer's cells
 * @param instant for space-time ingests, the instant of every input; empty takes each file's
 *     DateTime tag
 * @param errorThreshold the largest error, in source pixels, allowed when reprojected coordinates
 *     are interpolated instead of projected exactly (GDAL's {@code -et}, default 0.125); 0 projects
 *     every cell
 * @param parallelism tiles cut concurrently
 * @param noData the layer's NoData value, replacing the inputs' (gdalwarp's {@code -dstnodata});
 *     empty keeps the inputs' cell type. Inputs without NoData leave uncovered cells 0, which then
 *     cannot be told from real zeros: give one here (NaN for floating-point data).
 * @param sourceCrs the CRS of every input, instead of the one its GeoKeys give (gdalwarp's
 *     {@code -s_srs}): for files without a CRS, and files whose CRS is wrong; empty reads each
 *     file's own
 */
public record IngestOptions(TargetLayout layout, Optional<CRS> targetCrs, ResampleMethod resample,
        Optional<Instant> instant, double errorThreshold, int parallelism, Optional<Double> noData,
        Optional<CRS> sourceCrs) implements Serializable {

    /** Global layout at the data's zoom, the inputs' CRS, nearest neighbour, all cores. */
    public static final IngestOptions DEFAULT = new IngestOptions(GlobalLayout.of(), Optional.empty(),
            ResampleMethod.NEAREST, Optional.empty(), 0.125, Runtime.getRuntime().availableProcessors(),
            Optional.empty(), Optional.empty());

    public IngestOptions {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(targetCrs, "targetCrs");
        Objects.requireNonNull(resample, "resample");
        Objects.requireNonNull(instant, "instant");
        Objects.requireNonNull(noData, "noData");
        Objects.requireNonNull(sourceCrs, "sourceCrs");
        if (!(errorThreshold >= 0)) {
            throw new IllegalArgumentException("error threshold must be >= 0, got " + errorThreshold);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
        }
    }

    /** Serialised without {@link Optional}, which is not serialisable. */
    private Object writeReplace() {
        return new Serialized(layout, targetCrs.orElse(null), resample, instant.orElse(null), errorThreshold,
                parallelism, noData.orElse(null), sourceCrs.orElse(null));
    }

    /** The serialised form of ingest options. */
    private record Serialized(TargetLayout layout, CRS targetCrs, ResampleMethod resample, Instant instant,
            double errorThreshold, int parallelism, Double noData, CRS sourceCrs) implements Serializable {
        private Object readResolve() {
            return new IngestOptions(layout, Optional.ofNullable(targetCrs), resample, Optional.ofNullable(instant),
                    errorThreshold, parallelism, Optional.ofNullable(noData), Optional.ofNullable(sourceCrs));
        }
    }

    public IngestOptions withLayout(TargetLayout l) {
        return new IngestOptions(l, targetCrs, resample, instant, errorThreshold, parallelism, noData, sourceCrs);
    }

    public IngestOptions withTargetCrs(CRS crs) {
        return new IngestOptions(layout, Optional.of(crs), resample, instant, errorThreshold, parallelism, noData,
                sourceCrs);
    }

    public IngestOptions withResample(ResampleMethod m) {
        return new IngestOptions(layout, targetCrs, m, instant, errorThreshold, parallelism, noData, sourceCrs);
    }

    public IngestOptions withInstant(Instant t) {
        return new IngestOptions(layout, targetCrs, resample, Optional.of(t), errorThreshold, parallelism, noData,
                sourceCrs);
    }

    public IngestOptions withErrorThreshold(double et) {
        return new IngestOptions(layout, targetCrs, resample, instant, et, parallelism, noData, sourceCrs);
    }

    public IngestOptions withNoData(double value) {
        return new IngestOptions(layout, targetCrs, resample, instant, errorThreshold, parallelism, Optional.of(value),
                sourceCrs);
    }

    public IngestOptions withParallelism(int n) {
        return new IngestOptions(layout, targetCrs, resample, instant, errorThreshold, n, noData, sourceCrs);
    }

    /** Every input is taken to be in {@code crs}, whatever its GeoKeys say (or lacking them). */
    public IngestOptions withSourceCrs(CRS crs) {
        return new IngestOptions(layout, targetCrs, resample, instant, errorThreshold, parallelism, noData,
                Optional.of(crs));
    }
}
