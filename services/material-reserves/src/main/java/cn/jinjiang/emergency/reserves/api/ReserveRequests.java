package cn.jinjiang.emergency.reserves.api;

import cn.jinjiang.emergency.reserves.domain.donation.Donation;
import cn.jinjiang.emergency.reserves.domain.stock.Lot;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The bodies of requests to the reserves. Quantities are whole units of the item's unit, at most a million. */
public final class ReserveRequests {

    static final String ITEM_CODE = "[A-Z0-9][A-Z0-9-]{0,39}";
    static final String ITEM_CODE_MESSAGE = "must be an item code from the catalogue (GET /api/items)";
    static final int MAX_QUANTITY = 1_000_000;

    private ReserveRequests() {
    }

    public record Receipt(@NotEmpty @Size(max = 100) List<@NotNull @Valid ReceiptLine> items,
                          @Size(max = 1000) String reason) {
    }

    /** {@code expiresOn} may be left out: the item's shelf life from today, or none. */
    public record ReceiptLine(@NotNull @Pattern(regexp = ITEM_CODE, message = ITEM_CODE_MESSAGE) String itemCode,
                              @NotNull @Min(1) @Max(MAX_QUANTITY) Integer quantity,
                              LocalDate expiresOn,
                              Lot.Source source) {
    }

    public record Issue(@NotNull @Pattern(regexp = ITEM_CODE, message = ITEM_CODE_MESSAGE) String itemCode,
                        @NotNull @Min(1) @Max(MAX_QUANTITY) Integer quantity,
                        @NotBlank @Size(max = 1000) String reason) {
    }

    /** A count correction of one lot: positive found, negative missing. */
    public record Adjustment(@NotNull UUID lotId,
                             @NotNull @Min(-MAX_QUANTITY) @Max(MAX_QUANTITY) Integer quantity,
                             @NotBlank @Size(max = 1000) String reason) {
    }

    public record WriteOff(@NotNull UUID lotId,
                           @NotNull @Min(1) @Max(MAX_QUANTITY) Integer quantity,
                           @NotBlank @Size(max = 1000) String reason) {
    }

    public record Transfer(@NotNull UUID toWarehouseId,
                           @NotNull @Pattern(regexp = ITEM_CODE, message = ITEM_CODE_MESSAGE) String itemCode,
                           @NotNull @Min(1) @Max(MAX_QUANTITY) Integer quantity,
                           @NotBlank @Size(max = 1000) String reason) {
    }

    public record Allocate(@NotEmpty @Size(max = 50) List<@NotNull @Valid AllocationLine> lines,
                           @NotNull @Valid Point deliveryPoint,
                           @Size(max = 1000) String note) {
    }

    public record AllocationLine(@NotNull @Pattern(regexp = ITEM_CODE, message = ITEM_CODE_MESSAGE) String itemCode,
                                 @NotNull @Min(1) @Max(MAX_QUANTITY) Integer quantity) {
    }

    public record Point(@NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
                        @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude) {
    }

    public record Reason(@NotBlank @Size(max = 1000) String reason) {
    }

    public record CallOff(@NotNull UUID incidentId, @NotNull @Min(1) @Max(MAX_QUANTITY) Integer quantity) {
    }

    /** The donor's name and contact stay with the bureau: never in the public summary or any event. */
    public record Donate(@NotNull Donation.DonorKind donorKind,
                         @NotBlank @Size(max = 200) String donorName,
                         @Size(max = 200) String donorContact,
                         @NotNull UUID warehouseId,
                         @NotBlank @Size(max = 500) String purpose,
                         UUID incidentId,
                         @NotEmpty @Size(max = 100) List<@NotNull @Valid DonatedItem> items) {
    }

    public record DonatedItem(@NotNull @Pattern(regexp = ITEM_CODE, message = ITEM_CODE_MESSAGE) String itemCode,
                              @NotNull @Min(1) @Max(MAX_QUANTITY) Integer quantity,
                              LocalDate expiresOn) {
    }
}
