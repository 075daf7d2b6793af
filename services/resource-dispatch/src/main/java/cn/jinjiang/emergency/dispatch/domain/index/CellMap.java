package cn.jinjiang.emergency.dispatch.domain.index;

/**
 * The occupied cells of one grid by (row, column): open addressing on a primitive key, so that looking a cell up
 * while searching allocates nothing (a {@code HashMap<Long, ...>} would box most keys). Only occupied cells are
 * kept, so the whole globe costs nothing.
 */
final class CellMap {

    private long[] keys = new long[16];
    private GridCell[] cells = new GridCell[16];
    private int size;

    int size() {
        return size;
    }

    GridCell get(int row, int column) {
        long key = key(row, column);
        int mask = cells.length - 1;
        for (int slot = slot(key, mask); ; slot = (slot + 1) & mask) {
            GridCell cell = cells[slot];
            if (cell == null || keys[slot] == key) {
                return cell;
            }
        }
    }

    GridCell getOrCreate(int row, int column) {
        GridCell cell = get(row, column);
        if (cell == null) {
            if ((size + 1) * 2 > cells.length) {
                resize(cells.length * 2);
            }
            cell = new GridCell(row, column);
            insert(key(row, column), cell);
            size++;
        }
        return cell;
    }

    void remove(int row, int column) {
        long key = key(row, column);
        int mask = cells.length - 1;
        int slot = slot(key, mask);
        while (cells[slot] != null && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        if (cells[slot] == null) {
            return;
        }
        cells[slot] = null;
        size--;
        // Backward-shift deletion: move up every later entry of the run that could have probed past the hole.
        int hole = slot;
        for (int next = (hole + 1) & mask; cells[next] != null; next = (next + 1) & mask) {
            int home = slot(keys[next], mask);
            if (((next - home) & mask) >= ((next - hole) & mask)) {
                keys[hole] = keys[next];
                cells[hole] = cells[next];
                cells[next] = null;
                hole = next;
            }
        }
    }

    /** The backing slots, some null; for a full pass over the cells. */
    GridCell[] slots() {
        return cells;
    }

    private void insert(long key, GridCell cell) {
        int mask = cells.length - 1;
        int slot = slot(key, mask);
        while (cells[slot] != null) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        cells[slot] = cell;
    }

    private void resize(int capacity) {
        GridCell[] old = cells;
        keys = new long[capacity];
        cells = new GridCell[capacity];
        for (GridCell cell : old) {
            if (cell != null) {
                insert(key(cell.row, cell.column), cell);
            }
        }
    }

    private static long key(int row, int column) {
        return ((long) row << 32) | (column & 0xFFFF_FFFFL);
    }

    private static int slot(long key, int mask) {
        // Neighbouring cells differ only in the low bits of each half; mix all bits so that they spread (fmix64).
        long h = key;
        h = (h ^ (h >>> 33)) * 0xFF51_AFD7_ED55_8CCDL;
        h = (h ^ (h >>> 33)) * 0xC4CE_B9FE_1A85_EC53L;
        return (int) (h ^ (h >>> 33)) & mask;
    }
}
