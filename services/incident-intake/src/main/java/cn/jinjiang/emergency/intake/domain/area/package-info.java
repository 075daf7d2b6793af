/** The administrative areas, reference data every report is checked against. Imports no other feature. */
package cn.jinjiang.emergency.intake.domain.area;
