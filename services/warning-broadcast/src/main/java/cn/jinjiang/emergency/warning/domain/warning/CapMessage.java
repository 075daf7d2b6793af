package cn.jinjiang.emergency.warning.domain.warning;

import cn.jinjiang.emergency.warning.domain.cap.MsgType;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A CAP message exactly as it was signed and published; its identifier is its primary key, so it exists once. */
@Entity
@Table(name = "cap_message")
public class CapMessage extends PanacheEntityBase {

    @Id
    public String identifier;

    @Column(name = "warning_id")
    public UUID warningId;

    public int sequence;

    @Enumerated(EnumType.STRING)
    @Column(name = "msg_type")
    public MsgType msgType;

    @Column(name = "sent_at")
    public OffsetDateTime sentAt;

    public String xml;

    /** The warning's messages, oldest first. */
    public static Uni<List<CapMessage>> of(UUID warningId) {
        return list("warningId = ?1 order by sequence", warningId);
    }
}
