/**
 * 叫应: the duty officers of the areas a warning reaches acknowledge it; the towns (streets) it reaches must, within a
 * time set by its level, or the command centre is told which did not (docs/cap.md, "Acknowledgements").
 */
package cn.jinjiang.emergency.warning.domain.acknowledgement;
