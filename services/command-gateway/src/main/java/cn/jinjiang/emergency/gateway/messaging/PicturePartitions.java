package cn.jinjiang.emergency.gateway.messaging;

import cn.jinjiang.emergency.gateway.picture.Picture;
import cn.jinjiang.emergency.gateway.picture.Position;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import java.util.Collection;

/**
 * Where the gateway reads from: the picture's own position, stored with it, not a consumer group's committed offsets.
 * Every instance reads every partition in a group of its own (a new one each start), so the offsets that matter are
 * the ones committed with the picture, and an empty picture reads every topic from its start.
 */
@ApplicationScoped
@Identifier("picture-partitions")
public class PicturePartitions implements KafkaConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(PicturePartitions.class);

    private final Picture picture;

    public PicturePartitions(Picture picture) {
        this.picture = picture;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        picture.awaitLoaded();
        Position at = picture.position();
        for (TopicPartition partition : partitions) {
            long next = at.next(partition.topic() + "/" + partition.partition());
            consumer.seek(partition, next);
            LOG.debugf("Reading %s from offset %d", partition, next);
        }
    }
}
