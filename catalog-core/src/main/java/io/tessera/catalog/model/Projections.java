package io.tessera.catalog.model;

import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.Registry;
import org.locationtech.proj4j.parser.Proj4Parser;
import org.locationtech.proj4j.proj.Projection;

/**
 * proj4j's projection registry, with the projections proj4j 1.3 computes far from PROJ (measured
 * against gdaltransform: tens of metres to kilometres) replaced by {@link EquidistantConic},
 * {@link Polyconic} and {@link HotineObliqueMercator}; every other projection is proj4j's own.
 */
final class Projections extends Registry {

    private static final Projections REGISTRY = new Projections();

    @Override
    public Projection getProjection(String name) {
        return switch (name) {
            case "eqdc" -> new EquidistantConic();
            case "poly" -> new Polyconic();
            case "omerc" -> new HotineObliqueMercator();
            default -> super.getProjection(name);
        };
    }

    /** A CRS from PROJ.4 parameters ({@code +proj=…} tokens), built with these projections. */
    static CoordinateReferenceSystem parse(String name, String[] parameters) {
        return new Proj4Parser(REGISTRY).parse(name, parameters);
    }

    /** Whether proj4j built this CRS with one of the projections this registry replaces. */
    static boolean replaces(CoordinateReferenceSystem crs) {
        Projection p = crs.getProjection();
        return p instanceof org.locationtech.proj4j.proj.EquidistantConicProjection
                || p instanceof org.locationtech.proj4j.proj.PolyconicProjection
                || (p instanceof org.locationtech.proj4j.proj.ObliqueMercatorProjection
                        && !(p instanceof HotineObliqueMercator));
    }
}
