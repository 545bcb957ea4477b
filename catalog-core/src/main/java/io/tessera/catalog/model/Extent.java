package io.tessera.catalog.model;

import java.io.Serializable;
import java.util.Optional;

/**
 * An axis-aligned rectangle in map coordinates (units of its CRS), as GeoTrellis's
 * {@code Extent}: {@code xmin <= xmax}, {@code ymin <= ymax}.
 */
public record Extent(double xmin, double ymin, double xmax, double ymax) implements Serializable {

    public Extent {
        if (Double.isNaN(xmin) || Double.isNaN(ymin) || Double.isNaN(xmax) || Double.isNaN(ymax)) {
            throw new IllegalArgumentException("extent has NaN coordinates");
        }
        if (xmin > xmax || ymin > ymax) {
            throw new IllegalArgumentException(
                    "invalid extent: min (" + xmin + "," + ymin + ") is greater than max (" + xmax + "," + ymax + ")");
        }
    }

    public double width() {
        return xmax - xmin;
    }

    public double height() {
        return ymax - ymin;
    }

    public double area() {
        return width() * height();
    }

    /** True when the rectangles share any point, edges included. */
    public boolean intersects(Extent o) {
        return !(o.xmax < xmin || o.xmin > xmax || o.ymax < ymin || o.ymin > ymax);
    }

    /** True when {@code o} lies inside this extent, edges included. */
    public boolean contains(Extent o) {
        return o.xmin >= xmin && o.xmax <= xmax && o.ymin >= ymin && o.ymax <= ymax;
    }

    /** True when the point lies inside this extent, edges included. */
    public boolean contains(double x, double y) {
        return x >= xmin && x <= xmax && y >= ymin && y <= ymax;
    }

    /** The shared part, or empty when the rectangles are disjoint. */
    public Optional<Extent> intersection(Extent o) {
        double x0 = Math.max(xmin, o.xmin);
        double y0 = Math.max(ymin, o.ymin);
        double x1 = Math.min(xmax, o.xmax);
        double y1 = Math.min(ymax, o.ymax);
        return x0 <= x1 && y0 <= y1 ? Optional.of(new Extent(x0, y0, x1, y1)) : Optional.empty();
    }

    /** The smallest extent holding both. */
    public Extent combine(Extent o) {
        return new Extent(Math.min(xmin, o.xmin), Math.min(ymin, o.ymin), Math.max(xmax, o.xmax), Math.max(ymax, o.ymax));
    }

    /** Parses {@code xmin,ymin,xmax,ymax}. */
    public static Extent parse(String text) {
        String[] parts = text.trim().split("\\s*,\\s*");
        if (parts.length != 4) {
            throw new IllegalArgumentException("extent must be 'xmin,ymin,xmax,ymax', got '" + text + "'");
        }
        try {
            return new Extent(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]),
                    Double.parseDouble(parts[2]), Double.parseDouble(parts[3]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("extent must be four numbers 'xmin,ymin,xmax,ymax', got '" + text + "'", e);
        }
    }
}
