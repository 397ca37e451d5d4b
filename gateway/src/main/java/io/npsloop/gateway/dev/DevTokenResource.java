package io.npsloop.gateway.dev;

import io.npsloop.gateway.config.GatewayConfig;
import io.npsloop.gateway.security.Role;
import io.smallrye.jwt.build.Jwt;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /dev/token?role=…&stores=S01,S02&regions=R1} — signs a dev token for the sign-in page of the LOCAL run.
 * It exists only when {@code npsloop.dev.token-signing=true} (set by the launcher alone, never in production);
 * otherwise it answers 404 like any unknown path. It signs with {@code smallrye.jwt.sign.key.location}.
 */
@Path("/dev/token")
public class DevTokenResource {

    private final GatewayConfig config;
    private final String issuer;

    DevTokenResource(GatewayConfig config,
            @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = "https://npsloop.dev/issuer") String issuer) {
        this.config = config;
        this.issuer = issuer;
    }

    public record DevToken(String token, String role, List<String> stores, List<String> regions, Instant expiresAt) {
    }

    public record DevRoles(List<String> roles) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public DevToken token(@QueryParam("role") String role, @QueryParam("stores") String stores,
            @QueryParam("regions") String regions) {
        if (!config.dev().tokenSigning()) {
            throw new NotFoundException();
        }
        if (role == null || !Role.USER_ROLES.contains(role)) {
            throw new BadRequestException("role must be one of " + Role.USER_ROLES);
        }
        List<String> storeList = split(stores);
        List<String> regionList = split(regions);
        Instant expires = Instant.now().plus(Duration.ofMinutes(config.dev().tokenMinutes()));
        String token = Jwt.issuer(issuer).subject("dev-" + role.toLowerCase()).groups(Set.of(role))
                .claim("stores", storeList).claim("regions", regionList).expiresAt(expires).sign();
        return new DevToken(token, role, storeList, regionList, expires);
    }

    @GET
    @Path("/roles")
    @Produces(MediaType.APPLICATION_JSON)
    public DevRoles roles() {
        if (!config.dev().tokenSigning()) {
            throw new NotFoundException();
        }
        return new DevRoles(Role.USER_ROLES);
    }

    private static List<String> split(String csv) {
        if (csv == null || csv.isBlank()) {
            return List.of();
        }
        List<String> out = Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (out.size() > 200 || out.stream().anyMatch(s -> !s.matches("[A-Za-z0-9._-]{1,64}"))) {
            throw new BadRequestException("ids must be 1–64 characters of letters, digits, '.', '_' or '-'");
        }
        return out;
    }

}
