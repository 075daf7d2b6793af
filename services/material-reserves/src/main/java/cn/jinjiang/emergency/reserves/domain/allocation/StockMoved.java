package cn.jinjiang.emergency.reserves.domain.allocation;

/**
 * A lot an allocation chose no longer has the free stock it had when the allocation read it: another allocation took
 * it first. The allocation's transaction is rolled back and it is planned again from what is free now.
 */
public class StockMoved extends RuntimeException {

    public StockMoved(String message) {
        super(message, null, false, false);
    }
}
