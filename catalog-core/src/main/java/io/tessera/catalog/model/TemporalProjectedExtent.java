package io.tessera.catalog.model;

import java.time.Instant;
import java.util.Objects;

/** An extent, its CRS and the instant (epoch milliseconds) of a space-time raster. */
public record TemporalProjectedExtent(Extent extent, CRS crs, long instant) {

    public TemporalProjectedExtent {
        Objects.requireNonNull(extent, "extent");
        Objects.requireNonNull(crs, "crs");
    }

    /** The spatial part. */
    public ProjectedExtent projectedExtent() {
        return new ProjectedExtent(extent, crs);
    }

    /** The instant as an {@link Instant}. */
    public Instant time() {
        return Instant.ofEpochMilli(instant);
    }
}
