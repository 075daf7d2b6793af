package cn.jinjiang.emergency.dispatch.domain.index;

import cn.jinjiang.emergency.shared.contract.UnitType;

/**
 * The units of one type that have one capability, filed by {@link GridGeometry} cell, and the ring-by-ring search
 * over them. One type per grid means one turn-out time and speed, so a distance bound turns into a time bound.
 */
final class UnitGrid {

    /**
     * How many cells a search probes ring by ring before it goes on through the occupied cells ordered by ring
     * instead (sooner in a grid with fewer occupied cells than that): a point far from the units, or units scattered
     * over a province, would otherwise cost rings of mostly empty cells. In the county a query usually stops within
     * the first few rings.
     */
    private static final int RING_PROBES = 256;

    /** Lets the first rings run even in a grid of a few cells, where they are as cheap as any other way. */
    private static final int SPARE_PROBES = 16;

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
        int budget = Math.min(cells.size(), RING_PROBES) + SPARE_PROBES;
        int probes = 0;
        for (int radius = first; radius <= last; radius++) {
            if (nothingFrom(search, radius)) {
                return;
            }
            if (probes > budget) {
                searchOccupiedFrom(search, radius);
                return;
            }
            probes += searchRing(search, radius);
        }
    }

    /** Whether no unit in the rings from {@code radius} outwards can make the list (the rings inside are done). */
    private boolean nothingFrom(Search search, int radius) {
        if (!search.canStopEarly(reach)) {
            return false;
        }
        double km = radius == 0 ? 0 : GridGeometry.kmOutsideBlock(search.point.latitude(), search.point.longitude(),
                search.cosLatitude, search.row, search.column, radius - 1);
        return search.nothingBeyond(type, reach, km);
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

    /**
     * The same order and the same stop as the rings, over the occupied cells only: a min-heap of (ring, slot), built in
     * linear time and popped only as far as the search goes, which is usually not far.
     */
    private void searchOccupiedFrom(Search search, int radius) {
        GridCell[] slots = cells.slots();
        long[] heap = new long[cells.size()];
        int size = 0;
        for (int slot = 0; slot < slots.length; slot++) {
            GridCell cell = slots[slot];
            if (cell != null) {
                int ring = Math.max(Math.abs(cell.row - search.row), Math.abs(cell.column - search.column));
                if (ring >= radius) {
                    heap[size++] = (long) ring << 32 | slot;
                }
            }
        }
        for (int parent = size / 2 - 1; parent >= 0; parent--) {
            siftDown(heap, size, parent);
        }
        int checked = radius;
        while (size > 0) {
            long next = heap[0];
            heap[0] = heap[--size];
            siftDown(heap, size, 0);
            int ring = (int) (next >>> 32);
            if (ring > checked) {
                if (nothingFrom(search, ring)) {
                    return;
                }
                checked = ring;
            }
            searchCell(search, slots[(int) next]);
        }
    }

    private static void siftDown(long[] heap, int size, int parent) {
        while (true) {
            int least = parent;
            int left = 2 * parent + 1;
            if (left < size && heap[left] < heap[least]) {
                least = left;
            }
            if (left + 1 < size && heap[left + 1] < heap[least]) {
                least = left + 1;
            }
            if (least == parent) {
                return;
            }
            long swap = heap[parent];
            heap[parent] = heap[least];
            heap[least] = swap;
            parent = least;
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
