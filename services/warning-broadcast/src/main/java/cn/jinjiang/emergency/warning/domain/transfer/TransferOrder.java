package cn.jinjiang.emergency.warning.domain.transfer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A commander's transfer order on an issued warning: the towns or villages (inside the warning's areas) to empty,
 * how many people in each, and by when.
 */
public record TransferOrder(
        @NotEmpty @Size(max = 200) List<@Valid @NotNull Area> areas,
        @NotNull OffsetDateTime deadline,
        @NotBlank @Size(max = 2000) String reason) {

    /**
     * @param planned     people to move from the area
     * @param vulnerable  of them, the elderly, disabled and children (0 when not given)
     * @param responsible who answers for the area's transfer (责任到个人), by name and post
     */
    public record Area(
            @NotNull @Pattern(regexp = "[0-9]{12}", message = "must be a 12-digit administrative code")
            String areaCode,
            @NotNull @Positive Integer planned,
            @PositiveOrZero Integer vulnerable,
            @NotBlank @Size(max = 200) String responsible) {

        int vulnerableOrNone() {
            return vulnerable == null ? 0 : vulnerable;
        }
    }
}
