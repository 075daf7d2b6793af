package cn.jinjiang.emergency.intake.domain.report;

import cn.jinjiang.emergency.shared.security.AreaCodes;

/**
 * Who files a report. A duty officer reports for the area in their token and everything below it; the command centre
 * for any area.
 *
 * @param officerArea the duty officer's area code, null for command-centre staff
 */
public record Reporter(String name, String officerArea) {

    public boolean mayReportFor(String areaCode) {
        return officerArea == null || AreaCodes.covers(officerArea, areaCode);
    }
}
