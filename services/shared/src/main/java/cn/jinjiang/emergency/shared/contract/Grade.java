package cn.jinjiang.emergency.shared.contract;

/** Incident grade (分级), I being the most serious. Declared most serious first so ordinal order is severity order. */
public enum Grade {
    /** 特别重大 particularly serious */
    I,
    /** 重大 serious */
    II,
    /** 较大 relatively serious */
    III,
    /** 一般 ordinary */
    IV;

    public boolean isMoreSeriousThan(Grade other) {
        return ordinal() < other.ordinal();
    }
}
