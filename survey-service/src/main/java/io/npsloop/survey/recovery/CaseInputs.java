package io.npsloop.survey.recovery;

import com.fasterxml.jackson.annotation.JsonAlias;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Bodies of the case actions (unknown properties → 400, see JsonConfig). The canonical names are those of the
 * recovery issue; the gateway's GraphQL inputs are accepted too ({@code note}, {@code category}, scope
 * {@code ONE}/{@code MANY}, {@code actions}, {@code compensationCents}, {@code plan}, {@code reached},
 * {@code satisfied}) so that both callers agree without a translation layer.
 */
public final class CaseInputs {

    private CaseInputs() {
    }

    public record FirstContact(
            @JsonAlias("note") @NotBlank(message = "is required") @Size(max = 4000, message = "must be at most 4000 characters") String notes,
            OffsetDateTime contactedAt, Boolean reached) {
    }

    public record Classification(
            @JsonAlias("category") @NotNull(message = "is required")
            @Pattern(regexp = "TECHNICAL|ATTITUDE", message = "must be TECHNICAL or ATTITUDE") String problemType,
            @NotNull(message = "is required")
            @Pattern(regexp = "INDIVIDUAL|MULTIPLE|ONE|MANY", message = "must be INDIVIDUAL or MULTIPLE") String scope,
            @Size(max = 4000, message = "must be at most 4000 characters") String plan,
            List<String> reasons) {

        /** INDIVIDUAL or MULTIPLE (ONE/MANY are the gateway's spellings). */
        public String normalisedScope() {
            return "ONE".equals(scope) ? "INDIVIDUAL" : "MANY".equals(scope) ? "MULTIPLE" : scope;
        }
    }

    public record Remedy(
            @JsonAlias("actions") @NotBlank(message = "is required") @Size(max = 4000, message = "must be at most 4000 characters") String apology,
            @Size(max = 4000, message = "must be at most 4000 characters") String compensation,
            @PositiveOrZero(message = "must be zero or more") Long compensationCents,
            @Size(max = 4000, message = "must be at most 4000 characters") String processFix) {
    }

    public record GmFollowUp(
            @JsonAlias("note") @NotBlank(message = "is required") @Size(max = 4000, message = "must be at most 4000 characters") String notes,
            Boolean satisfied) {
    }

    public record Close(
            @NotNull(message = "is required") @Pattern(regexp = "RECOVERED|ABANDONED", message = "must be RECOVERED or ABANDONED") String outcome,
            @Size(max = 2000, message = "must be at most 2000 characters") String reason) {
    }
}
