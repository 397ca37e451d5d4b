package io.npsloop.survey.directory;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

/** Body of a store create (POST, with id) or update (PUT, id from the path). */
public record StoreInput(
        @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "must be 1-64 letters, digits, '_' or '-'") String id,
        @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters") String name,
        @Size(max = 100, message = "must be at most 100 characters") String city,
        @NotBlank(message = "is required") String regionId,
        @Size(max = 64, message = "must hold at most 64 ranges") List<String> networks,
        Map<String, String> alertRecipients) {
}
