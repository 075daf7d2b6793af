/**
 * 转移: a commander orders people moved out of areas an issued warning covers, by a deadline; the duty officers count
 * them out area by area; an area still incomplete at the deadline is announced once; the transfer ends with its
 * warning or when a commander closes it (docs/cap.md, "Transfers"). Depends on {@code domain.warning} for the warning
 * it belongs to.
 */
package cn.jinjiang.emergency.warning.domain.transfer;
