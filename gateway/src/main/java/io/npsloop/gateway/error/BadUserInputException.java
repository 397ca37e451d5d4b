package io.npsloop.gateway.error;

import io.smallrye.graphql.api.ErrorCode;

/** Invalid arguments; {@code extensions.invalidParams} names each bad one. */
@ErrorCode("BAD_USER_INPUT")
public class BadUserInputException extends GatewayError {

    public BadUserInputException(String message) {
        super(message, null);
    }

    public BadUserInputException(String message, Object partialResults) {
        super(message, partialResults);
    }

    @Override
    public String code() {
        return "BAD_USER_INPUT";
    }

    public static BadUserInputException of(String name, String reason) {
        return of(reason, java.util.List.of(new InvalidParam(name, reason)));
    }

    public static BadUserInputException of(String message, java.util.List<InvalidParam> params) {
        var e = new BadUserInputException(message);
        e.with("invalidParams", params.stream()
                .map(p -> java.util.Map.of("name", p.name(), "reason", p.reason())).toList());
        return e;
    }

    public record InvalidParam(String name, String reason) {
    }
}
