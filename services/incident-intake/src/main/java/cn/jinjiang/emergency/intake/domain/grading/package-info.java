/** Incident types, their categories and the grading rules that grade an impact (docs/grading.md). */
package cn.jinjiang.emergency.intake.domain.grading;
