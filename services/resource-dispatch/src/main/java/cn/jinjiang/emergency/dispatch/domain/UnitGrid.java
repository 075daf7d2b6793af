package cn.jinjiang.emergency.dispatch.domain;

import cn.jinjiang.emergency.shared.contract.UnitType;

/**
 * The units of one type that have one capability, filed by {@link GridGeometry} cell, and the ring-by-ring search
 * over them. One type per grid means one turn-out time and speed, so a distance bound turns into a time bound.
 */
final class UnitGrid {

    /**
     * Past this many cell probes per occupied cell a search reads the occupied cells directly instead: a point far
     * from the units, or units scattered over a continent, would otherwise cost rings of empty cells.
     */
    private static final int PROBES_PER_CELL = 4;

    private final UnitType type;
    private final Reach reach;
    private final CellMap cells = new CellMap();
    private int units;
    // The bounding box of the occupied cells, kept exact; empty when minRow > maxRow.
    private int minRow = Integer.MAX_VALUE;
    private int maxRow = Integer.MIN_VALUE;
    private int minColumn = Integer.MAX_VALUE;
    private int maxColumn = Integer.MIN_VALUE;

    UnitGrid(UnitType type, Reach reach) {
        this.type = type;
        this.reach = reach;
    }

    int size() {
        return units;
    }

    void add(IndexedUnit unit) {
        int row = GridGeometry.row(unit.position().latitude());
        int column = GridGeometry.column(unit.position().longitude());
        cells.getOrCreate(row, column).add(unit);
        units++;
        minRow = Math.min(minRow, row);
        maxRow = Math.max(maxRow, row);
        minColumn = Math.min(minColumn, column);
        maxColumn = Math.max(maxColumn, column);
    }

    void remove(IndexedUnit unit) {
        int row = GridGeometry.row(unit.position().latitude());
        int column = GridGeometry.column(unit.position().longitude());
        GridCell cell = cells.get(row, column);
        if (cell == null || !cell.remove(unit)) {
            throw new IllegalStateException("unit " + unit.id() + " is not filed where it stands");
        }
        units--;
        if (cell.size() == 0) {
            cells.remove(row, column);
            if (row == minRow || row == maxRow || column == minColumn || column == maxColumn) {
                shrinkBox();
            }
        }
    }

    /** Units move about; keep the box tight so that searches from afar do not walk where nobody is any more. */
    private void shrinkBox() {
        minRow = minColumn = Integer.MAX_VALUE;
        maxRow = maxColumn = Integer.MIN_VALUE;
        for (GridCell cell : cells.slots()) {
            if (cell != null) {
                minRow = Math.min(minRow, cell.row);
                maxRow = Math.max(maxRow, cell.row);
                minColumn = Math.min(minColumn, cell.column);
                maxColumn = Math.max(maxColumn, cell.column);
            }
        }
    }

    /**
     * Visits rings of cells around the query's cell, nearest first, skipping those outside the box, until nothing
     * outside the rings visited can make the list, or every occupied cell has been visited.
     */
    void search(Search search) {
        if (units == 0) {
            return;
        }
        int row = search.row;
        int column = search.column;
        int first = Math.max(Math.max(minRow - row, row - maxRow), Math.max(minColumn - column, column - maxColumn));
        first = Math.max(first, 0);
        int last = Math.max(Math.max(Math.abs(row - minRow), Math.abs(row - maxRow)),
                Math.max(Math.abs(column - minColumn), Math.abs(column - maxColumn)));
        long budget = (long) PROBES_PER_CELL * cells.size() + 16;
        long probes = 0;
        for (int radius = first; radius <= last; radius++) {
            // Rings below radius are done (or empty): is anything further out still worth looking at?
            if (search.canStopEarly(reach)) {
                double km = radius == 0 ? 0 : GridGeometry.kmOutsideBlock(search.point.latitude(),
                        search.point.longitude(), search.cosLatitude, row, column, radius - 1);
                if (search.nothingBeyond(type, reach, km)) {
                    return;
                }
            }
            if (probes > budget) {
                searchOccupiedBeyond(search, radius - 1);
                return;
            }
            probes += searchRing(search, radius);
        }
    }

    /** The cells exactly {@code radius} rows or columns away, within the box; returns how many were looked up. */
    private int searchRing(Search search, int radius) {
        int row = search.row;
        int column = search.column;
        int probes = 0;
        int fromColumn = Math.max(column - radius, minColumn);
        int toColumn = Math.min(column + radius, maxColumn);
        for (int edge = row - radius; edge <= row + radius; edge += Math.max(2 * radius, 1)) {
            if (edge >= minRow && edge <= maxRow) {
                for (int c = fromColumn; c <= toColumn; c++) {
                    probes++;
                    searchCell(search, cells.get(edge, c));
                }
            }
        }
        int fromRow = Math.max(row - radius + 1, minRow);
        int toRow = Math.min(row + radius - 1, maxRow);
        for (int edge = column - radius; radius > 0 && edge <= column + radius; edge += 2 * radius) {
            if (edge >= minColumn && edge <= maxColumn) {
                for (int r = fromRow; r <= toRow; r++) {
                    probes++;
                    searchCell(search, cells.get(r, edge));
                }
            }
        }
        return probes;
    }

    private void searchOccupiedBeyond(Search search, int done) {
        for (GridCell cell : cells.slots()) {
            if (cell != null && Math.max(Math.abs(cell.row - search.row), Math.abs(cell.column - search.column)) > done) {
                searchCell(search, cell);
            }
        }
    }

    private void searchCell(Search search, GridCell cell) {
        if (cell != null) {
            for (int i = 0; i < cell.size(); i++) {
                search.consider(cell.get(i), reach);
            }
        }
    }
}
