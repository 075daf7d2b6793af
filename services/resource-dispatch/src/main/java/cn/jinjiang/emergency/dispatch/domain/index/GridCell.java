package cn.jinjiang.emergency.dispatch.domain.index;

import java.util.Arrays;

/** The units of one grid standing in one cell. */
final class GridCell {

    final int row;
    final int column;
    private IndexedUnit[] units = new IndexedUnit[4];
    private int size;

    GridCell(int row, int column) {
        this.row = row;
        this.column = column;
    }

    int size() {
        return size;
    }

    IndexedUnit get(int index) {
        return units[index];
    }

    void add(IndexedUnit unit) {
        if (size == units.length) {
            units = Arrays.copyOf(units, size * 2);
        }
        units[size++] = unit;
    }

    /** By identity: the index holds exactly the record it was given. Order within a cell does not matter. */
    boolean remove(IndexedUnit unit) {
        for (int i = 0; i < size; i++) {
            if (units[i] == unit) {
                units[i] = units[--size];
                units[size] = null;
                return true;
            }
        }
        return false;
    }
}
