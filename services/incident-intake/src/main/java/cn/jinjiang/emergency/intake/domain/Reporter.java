package cn.jinjiang.emergency.intake.domain;

/**
 * Who files a report. A duty officer reports only for the area in their token; the command centre for any area.
 *
 * @param officerArea the duty officer's area code, null for command-centre staff
 */
public record Reporter(String name, String officerArea) {

    public boolean isDutyOfficer() {
        return officerArea != null;
    }
}
