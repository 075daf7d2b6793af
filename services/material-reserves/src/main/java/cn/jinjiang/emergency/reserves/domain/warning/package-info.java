/**
 * The warnings and their transfers as material-reserves knows them from warning-events: shelters open for them before
 * any incident exists (docs/reserves.md, "Shelters for a warning or a transfer").
 */
package cn.jinjiang.emergency.reserves.domain.warning;
