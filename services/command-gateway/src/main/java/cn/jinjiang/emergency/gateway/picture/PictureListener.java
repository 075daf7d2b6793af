package cn.jinjiang.emergency.gateway.picture;

/**
 * Whoever follows the picture as it changes (the screens). Told of every change after the picture has taken it in
 * and released its lock, so that what a listener does (preparing messages, handing them to connections) never holds
 * up the writer or a screen joining.
 * <p>
 * The picture guarantees the order: changes come one at a time, never concurrently, in exactly the order they were
 * taken in under the lock (a batch's changes in the order applied, batches and expiries in the order committed). A
 * change may come after a reader has already seen its effect under the lock (a screen joining between the commit and
 * the hand-off): a {@link Position} taken under the lock tells which changes such a reader has seen, and a change
 * without a source (an expiry) is safe to repeat, since it only removes.
 */
public interface PictureListener {

    /**
     * @param number the change's place in the order taken in: 1 for the first this instance took in, one more for
     *               each after it, expiries included; a {@link PictureView.Place} names the last one it holds
     * @param position the picture's position with the change taken in: where a reader shown every change up to
     *                 this one stands (an expiry moves none)
     */
    void changed(PictureChange change, long number, Position position);
}
