package io.npsloop.survey.directory;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record RegionInput(
        @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "must be 1-64 letters, digits, '_' or '-'") String id,
        @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters") String name) {
}
