package cn.jinjiang.emergency.dispatch.domain.index;

import java.util.Arrays;
import java.util.List;

/**
 * The best {@code capacity} units seen so far in {@link Candidate#RANKING} order: a max-heap on parallel arrays with
 * the worst at the root, so a search can compare against the current k-th best and replace it without creating
 * anything per unit.
 */
final class Shortlist {

    private final IndexedUnit[] units;
    private final double[] km;
    private final double[] eta;
    private int size;

    Shortlist(int capacity) {
        units = new IndexedUnit[capacity];
        km = new double[capacity];
        eta = new double[capacity];
    }

    boolean isFull() {
        return size == units.length;
    }

    /** The k-th best estimate; meaningful once full. */
    double worstEta() {
        return eta[0];
    }

    void offer(IndexedUnit unit, double unitKm, double unitEta) {
        if (size < units.length) {
            int child = size++;
            set(child, unit, unitKm, unitEta);
            siftUp(child);
        } else if (size > 0 && precedes(unitEta, unit, eta[0], units[0])) {
            set(0, unit, unitKm, unitEta);
            siftDown(0);
        }
    }

    List<Candidate> ranked() {
        Candidate[] ranked = new Candidate[size];
        for (int i = 0; i < size; i++) {
            ranked[i] = new Candidate(units[i], km[i], eta[i]);
        }
        Arrays.sort(ranked, Candidate.RANKING);
        return List.of(ranked);
    }

    /** Must agree with {@link Candidate#RANKING}. */
    private static boolean precedes(double etaA, IndexedUnit a, double etaB, IndexedUnit b) {
        int byEta = Double.compare(etaA, etaB);
        if (byEta != 0) {
            return byEta < 0;
        }
        int byCallSign = a.callSign().compareTo(b.callSign());
        if (byCallSign != 0) {
            return byCallSign < 0;
        }
        return a.id().compareTo(b.id()) < 0;
    }

    private void siftUp(int child) {
        while (child > 0) {
            int parent = (child - 1) / 2;
            if (!precedes(eta[parent], units[parent], eta[child], units[child])) {
                return;
            }
            swap(parent, child);
            child = parent;
        }
    }

    private void siftDown(int parent) {
        while (true) {
            int worst = parent;
            for (int child = 2 * parent + 1; child <= 2 * parent + 2 && child < size; child++) {
                if (precedes(eta[worst], units[worst], eta[child], units[child])) {
                    worst = child;
                }
            }
            if (worst == parent) {
                return;
            }
            swap(parent, worst);
            parent = worst;
        }
    }

    private void set(int i, IndexedUnit unit, double unitKm, double unitEta) {
        units[i] = unit;
        km[i] = unitKm;
        eta[i] = unitEta;
    }

    private void swap(int i, int j) {
        IndexedUnit unit = units[i];
        double unitKm = km[i];
        double unitEta = eta[i];
        set(i, units[j], km[j], eta[j]);
        set(j, unit, unitKm, unitEta);
    }
}
