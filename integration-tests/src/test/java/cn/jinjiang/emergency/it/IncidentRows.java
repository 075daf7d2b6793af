package cn.jinjiang.emergency.it;

import java.util.Arrays;
import java.util.stream.Collectors;

/** JavaScript expressions reading what the operator page shows on an incident's row. */
final class IncidentRows {

    private IncidentRows() {
    }

    static String row(String incident) {
        return "document.querySelector('#incidents tr[data-id=\"" + incident + "\"]')";
    }

    /** The incidents its possible-duplicate links name, sorted and joined by commas ('' for none or no row). */
    static String links(String incident) {
        return "[...document.querySelectorAll('#incidents tr[data-id=\"" + incident + "\"] .duplicate-link')]"
                + ".map(link => link.dataset.incident).sort().join(',')";
    }

    static String link(String incident, String linked) {
        return "document.querySelector('#incidents tr[data-id=\"" + incident + "\"] .duplicate-link[data-incident=\""
                + linked + "\"]')";
    }

    /** The explanation of its off-area flag, '' when it has none. */
    static String offArea(String incident) {
        return "((document.querySelector('#incidents tr[data-id=\"" + incident + "\"] .off-area') || {}).title || '')";
    }

    /** The situation its latest report gives, '' when none does. */
    static String situation(String incident) {
        return "((document.querySelector('#incidents tr[data-id=\"" + incident + "\"] .situation') || {})"
                + ".textContent || '')";
    }

    /** As {@link #links} gives them. */
    static String ids(String... incidents) {
        return Arrays.stream(incidents).sorted().collect(Collectors.joining(","));
    }
}
