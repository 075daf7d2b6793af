package cn.jinjiang.emergency.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The median of a figure over runs: one slow run on a shared machine moves it less than it moves a mean. */
final class Median {

    private Median() {
    }

    /** The middle value, or the mean of the two middle ones for an even count; NaN for none. */
    static double of(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
