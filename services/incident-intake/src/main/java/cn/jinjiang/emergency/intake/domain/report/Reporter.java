package cn.jinjiang.emergency.intake.domain.report;

import cn.jinjiang.emergency.shared.security.AreaCodes;

/**
 * Who files a report. A duty officer reports for the area in their token and everything below it; the command centre
 * for the areas of its jurisdiction (the prefecture's for both counties).
 *
 * @param scope the code the reporter is bounded to (the caller's scope), null for callers bounded by none
 */
public record Reporter(String name, String scope) {

    public boolean mayReportFor(String areaCode) {
        return scope == null || AreaCodes.covers(scope, areaCode);
    }
}
