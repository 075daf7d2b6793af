package cn.jinjiang.emergency.shared.contract;

/** Warning level (预警级别). Declared least serious first, so ordinal order is rising seriousness. */
public enum WarningLevel {
    /** 蓝色 IV */
    BLUE("蓝色", "IV"),
    /** 黄色 III */
    YELLOW("黄色", "III"),
    /** 橙色 II; needs a commander's approval. */
    ORANGE("橙色", "II"),
    /** 红色 I, the highest; needs a commander's approval. */
    RED("红色", "I");

    private final String chineseName;
    private final String grade;

    WarningLevel(String chineseName, String grade) {
        this.chineseName = chineseName;
        this.grade = grade;
    }

    public String chineseName() {
        return chineseName;
    }

    /** The Roman numeral (I–IV) the plans use next to the colour. */
    public String grade() {
        return grade;
    }
}
