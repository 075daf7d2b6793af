/**
 * What the broadcast platform did with the warnings: its terminals, their playback reports, and the coverage worked out
 * from them and announced to the other services. Depends on {@code domain.warning} for the warnings themselves.
 */
package cn.jinjiang.emergency.warning.domain.broadcast;
