package cn.jinjiang.emergency.reserves.domain.donation;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/** An item of a donation and the lot it was received as. */
@Entity
@Table(name = "donation_line")
public class DonationLine extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "donation_id")
    public UUID donationId;

    @Column(name = "item_code")
    public String itemCode;

    public int quantity;

    @Column(name = "lot_id")
    public UUID lotId;
}
