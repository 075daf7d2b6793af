package cn.jinjiang.emergency.shared.contract;

/**
 * Whether a message is a real warning, part of a drill or a technical test. It becomes CAP {@code <status>}.
 * CAP's System and Draft statuses are not produced: the service sends neither network housekeeping nor drafts.
 * Only {@link #ACTUAL} is for the public: an exercise is for the drill's participants and a test for no one.
 */
public enum WarningMode {
    ACTUAL("Actual"),
    EXERCISE("Exercise"),
    TEST("Test");

    private final String capValue;

    WarningMode(String capValue) {
        this.capValue = capValue;
    }

    public String capValue() {
        return capValue;
    }
}
