package cn.jinjiang.emergency.dispatch.domain.index;

/**
 * The cells of {@link UnitIndex}'s grids and how close to a point anything outside a block of cells can be.
 *
 * <p>A cell is a fixed step of latitude by a fixed step of longitude, chosen to be about 1 km square at the county's
 * latitude (an equirectangular projection centred there). Indices are plain floors, so every point on Earth has a
 * cell and no region is special; elsewhere the cells are just less square. The distance bound is worked out on the
 * sphere rather than in the projection, which would overstate distances away from the reference latitude and could
 * make a search stop too early.
 */
final class GridGeometry {

    /**
     * Small enough that a query in a town, where units crowd, reads few units; large enough that one in the
     * countryside probes few empty cells. Tried with RecommendationBench's mix at 1.5, 1, 0.75 and 0.5 km: with
     * 10,000 units it hardly mattered; with 100,000, 1 km cut the county's p90 by a third against 1.5 km, and smaller
     * cells made queries from outside the county dearer than they saved.
     */
    static final double CELL_KM = 1.0;

    /** The middle of Jinjiang (24.55°–24.90° N), where the cells are square. */
    static final double REFERENCE_LATITUDE = 24.725;

    /**
     * Smaller than any radius a haversine could sensibly use (the polar radius is 6356.75 km), so that the bounds hold
     * whatever radius {@code GeoPoint.kmTo} uses; it costs 0.2% of pruning.
     */
    private static final double BOUND_RADIUS_KM = 6356.0;

    /**
     * A point's floor can put it one rounding error beyond its cell's edge; drawing the block that much smaller keeps
     * the bound low for such points too (1e-9° is about 0.1 mm, and far more than the error).
     */
    private static final double EDGE_SLACK_DEGREES = 1e-9;

    static final double CELL_LAT_DEGREES = Math.toDegrees(CELL_KM / 6371.0088);
    static final double CELL_LON_DEGREES = CELL_LAT_DEGREES / Math.cos(Math.toRadians(REFERENCE_LATITUDE));

    private GridGeometry() {
    }

    static int row(double latitude) {
        return (int) Math.floor(latitude / CELL_LAT_DEGREES);
    }

    static int column(double longitude) {
        return (int) Math.floor(longitude / CELL_LON_DEGREES);
    }

    /**
     * A lower bound of the great-circle km from ({@code latitude}, {@code longitude}), which lies in cell
     * ({@code row}, {@code column}), to any point outside the block of cells within {@code radius} rows and columns
     * of it. Such a point is either beyond the block's latitude band, and then at least that difference of latitude
     * away, or inside the band but beyond its longitudes, and then at least the shortest difference of longitude away
     * (either way round the globe) at the band's widest latitude. Infinite when nothing on Earth is outside the block.
     */
    static double kmOutsideBlock(double latitude, double longitude, double cosLatitude, int row, int column,
            int radius) {
        double south = (row - radius) * CELL_LAT_DEGREES + EDGE_SLACK_DEGREES;
        double north = (row + radius + 1) * CELL_LAT_DEGREES - EDGE_SLACK_DEGREES;
        double west = (column - radius) * CELL_LON_DEGREES + EDGE_SLACK_DEGREES;
        double east = (column + radius + 1) * CELL_LON_DEGREES - EDGE_SLACK_DEGREES;

        double latitudeGap = Double.POSITIVE_INFINITY;
        if (south > -90) {
            latitudeGap = latitude - south;
        }
        if (north < 90) {
            latitudeGap = Math.min(latitudeGap, north - latitude);
        }
        // Units west of the block are at most 180 + longitude degrees west, so also at least 180 - longitude east.
        double longitudeGap = Double.POSITIVE_INFINITY;
        if (west > -180) {
            longitudeGap = Math.min(longitude - west, 180 - longitude);
        }
        if (east < 180) {
            longitudeGap = Math.min(longitudeGap, Math.min(east - longitude, 180 + longitude));
        }

        double beyondBand = latitudeGap == Double.POSITIVE_INFINITY ? Double.POSITIVE_INFINITY
                : BOUND_RADIUS_KM * Math.toRadians(Math.max(0, latitudeGap));
        if (longitudeGap == Double.POSITIVE_INFINITY) {
            return beyondBand;
        }
        // hav(d) = hav(dLat) + cos(lat1) cos(lat2) hav(dLon) ≥ cos(lat1) cos(lat2) hav(dLon); cos is smallest at the
        // band's edge furthest from the equator.
        double cosBand = Math.max(0, Math.min(Math.cos(Math.toRadians(Math.max(south, -90))),
                Math.cos(Math.toRadians(Math.min(north, 90)))));
        double sinHalf = Math.sqrt(Math.max(0, cosLatitude * cosBand))
                * Math.sin(Math.toRadians(Math.max(0, longitudeGap)) / 2);
        double withinBand = 2 * BOUND_RADIUS_KM * Math.asin(Math.min(1, sinHalf));
        return Math.min(beyondBand, withinBand);
    }
}
