package cn.jinjiang.emergency.gateway.picture;

/**
 * Where a change came from: the record's topic, partition and offset. Every gateway instance reads the same records,
 * so a source names the same change on each of them, which is what lets a screen resume on another instance.
 */
public record Source(String topic, int partition, long offset) {

    /** The partition's name in a {@link Position}: {@code topic/partition}. */
    public String partitionKey() {
        return topic + "/" + partition;
    }

    @Override
    public String toString() {
        return partitionKey() + "@" + offset;
    }
}
