package cn.jinjiang.emergency.bench;

/**
 * Titles that carry the report's number, so that a screen message (which has no request id) can be matched back to
 * the moment its report was meant to be sent. The run id keeps reports of earlier runs out of the figures.
 */
record ReportTitles(String prefix) {

    static ReportTitles of(String runId, String stage) {
        return new ReportTitles("bench " + runId + " " + stage + " ");
    }

    String title(int index) {
        return prefix + index;
    }

    /** The report's number, or -1 for a title of another run or stage. */
    int index(String title) {
        if (title == null || !title.startsWith(prefix)) {
            return -1;
        }
        try {
            return Integer.parseInt(title.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
