/** Links a new incident to open ones it may duplicate; reporting calls it, a commander decides on a merge. */
package cn.jinjiang.emergency.intake.domain.duplicate;
