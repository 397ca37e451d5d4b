package io.npsloop.survey.response;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** A survey answer: only the score is required (the comment's length is checked against configuration). */
public record ResponseInput(
        @NotNull(message = "is required") @Min(value = 0, message = "must be an integer from 0 to 10")
        @Max(value = 10, message = "must be an integer from 0 to 10") Integer score,
        String comment,
        @Valid Ratings ratings,
        @Size(max = 10, message = "must hold at most 10 tags") List<String> reasons) {

    /** The four service-quality ratings of the rescue case study, 1-5 each, all optional. */
    public record Ratings(
            @Min(value = 1, message = "must be an integer from 1 to 5") @Max(value = 5, message = "must be an integer from 1 to 5") Integer responseSpeed,
            @Min(value = 1, message = "must be an integer from 1 to 5") @Max(value = 5, message = "must be an integer from 1 to 5") Integer professionalism,
            @Min(value = 1, message = "must be an integer from 1 to 5") @Max(value = 5, message = "must be an integer from 1 to 5") Integer transparency,
            @Min(value = 1, message = "must be an integer from 1 to 5") @Max(value = 5, message = "must be an integer from 1 to 5") Integer care) {
    }
}
