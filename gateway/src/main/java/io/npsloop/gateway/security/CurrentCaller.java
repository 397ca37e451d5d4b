package io.npsloop.gateway.security;

import io.npsloop.gateway.error.UnauthenticatedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** The {@link Caller} of the current request, built once from the verified JWT. */
@RequestScoped
public class CurrentCaller {

    @Inject
    SecurityIdentity identity;

    private Caller caller;

    public Caller get() {
        if (caller == null) {
            if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
                throw new UnauthenticatedException("a valid bearer token is required").unchecked();
            }
            caller = new Caller(jwt.getSubject(), Set.copyOf(identity.getRoles()), claimSet(jwt, "stores"),
                    claimSet(jwt, "regions"), jwt.getRawToken());
        }
        return caller;
    }

    private static Set<String> claimSet(JsonWebToken jwt, String name) {
        Object value = jwt.getClaim(name);
        Set<String> out = new HashSet<>();
        if (value instanceof Collection<?> c) {
            c.forEach(v -> out.add(unquote(v.toString())));
        } else if (value instanceof jakarta.json.JsonArray a) {
            a.forEach(v -> out.add(unquote(v.toString())));
        } else if (value != null) {
            for (String s : value.toString().split(",")) {
                if (!s.isBlank()) {
                    out.add(unquote(s.trim()));
                }
            }
        }
        return Set.copyOf(out);
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
