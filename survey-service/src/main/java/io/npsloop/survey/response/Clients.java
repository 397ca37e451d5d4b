package io.npsloop.survey.response;

import io.npsloop.survey.config.NpsloopConfig;
import io.vertx.core.http.HttpServerRequest;

/** The submitting client as seen through the ingress/gateway. */
public final class Clients {

    private Clients() {
    }

    public static ClientInfo of(HttpServerRequest req, NpsloopConfig config, String via) {
        String address = null;
        if (config.authenticity().trustForwardedFor()) {
            String xff = req.getHeader("X-Forwarded-For");
            if (xff != null && !xff.isBlank()) {
                address = xff.split(",")[0].strip();
            }
        }
        if (address == null && req.remoteAddress() != null) {
            address = req.remoteAddress().hostAddress();
        }
        String ua = req.getHeader("User-Agent");
        if (ua != null && ua.length() > 512) {
            ua = ua.substring(0, 512);
        }
        return new ClientInfo(address, ua, "qr".equalsIgnoreCase(via) ? "QR_IN_STORE" : "LINK");
    }
}
