package io.npsloop.survey.recovery;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Bodies of the case actions (unknown properties → 400, see JsonConfig), named as in the recovery SOP. The gateway
 * translates its GraphQL inputs to these names.
 */
public final class CaseInputs {

    private CaseInputs() {
    }

    public record FirstContact(
            @NotBlank(message = "is required") @Size(max = 4000, message = "must be at most 4000 characters") String notes,
            OffsetDateTime contactedAt, Boolean reached) {
    }

    public record Classification(
            @NotNull(message = "is required")
            @Pattern(regexp = "TECHNICAL|ATTITUDE", message = "must be TECHNICAL or ATTITUDE") String problemType,
            @NotNull(message = "is required")
            @Pattern(regexp = "INDIVIDUAL|MULTIPLE", message = "must be INDIVIDUAL or MULTIPLE") String scope,
            @Size(max = 4000, message = "must be at most 4000 characters") String plan,
            List<String> reasons) {
    }

    public record Remedy(
            @NotBlank(message = "is required") @Size(max = 4000, message = "must be at most 4000 characters") String apology,
            @Size(max = 4000, message = "must be at most 4000 characters") String compensation,
            @PositiveOrZero(message = "must be zero or more") Long compensationCents,
            @Size(max = 4000, message = "must be at most 4000 characters") String processFix) {
    }

    public record GmFollowUp(
            @NotBlank(message = "is required") @Size(max = 4000, message = "must be at most 4000 characters") String notes,
            Boolean satisfied) {
    }

    public record Close(
            @NotNull(message = "is required") @Pattern(regexp = "RECOVERED|ABANDONED", message = "must be RECOVERED or ABANDONED") String outcome,
            @Size(max = 2000, message = "must be at most 2000 characters") String reason) {
    }
}
