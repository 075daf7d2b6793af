/**
 * A warning's life (draft, approval, update, cancellation, expiry), the signed CAP messages it issues and the reference
 * data it is checked against (areas, incidents). It knows nothing of how far a broadcast got: playback reports and
 * coverage in {@code domain.broadcast} read warnings, never the other way round.
 */
package cn.jinjiang.emergency.warning.domain.warning;
