package io.npsloop.survey.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;

/** A completed service order as the chain's order system reports it. */
public record OrderInput(
        @NotBlank(message = "is required") @Size(max = 64, message = "must be at most 64 characters") String orderId,
        @NotBlank(message = "is required")
        @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "must be 1-64 letters, digits, '_' or '-'") String storeId,
        @Size(max = 64, message = "must be at most 64 characters") String advisorId,
        @Size(max = 64, message = "must be at most 64 characters") String technicianId,
        @NotNull(message = "is required") OffsetDateTime closedAt,
        @NotNull(message = "is required") ServiceType serviceType,
        @NotNull(message = "is required") PaymentType paymentType,
        @NotNull(message = "is required") VisitKind visitKind,
        @NotNull(message = "is required") @PositiveOrZero(message = "must be zero or more") Long amountCents,
        @NotNull(message = "is required") @Valid Customer customer) {

    public record Customer(
            @Size(max = 64, message = "must be at most 64 characters") String id,
            @NotBlank(message = "is required")
            @Pattern(regexp = "[+0-9 ()\\-]{5,32}", message = "must be a phone number") String phone,
            @Size(max = 100, message = "must be at most 100 characters") String name,
            @PositiveOrZero(message = "must be zero or more") Integer tenureMonths,
            @Size(max = 32, message = "must be at most 32 characters") String regionCode,
            Locality locality,
            @Size(max = 32, message = "must be at most 32 characters") String ageBand,
            @Size(max = 32, message = "must be at most 32 characters") String gender,
            @Size(max = 64, message = "must be at most 64 characters") String occupation,
            @Size(max = 16, message = "must be at most 16 characters") String plate,
            Boolean doNotSurvey) {
    }
}
