package io.npsloop.referral.code;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Answer of the issue-or-get call: the code and its absolute links. */
@RegisterForReflection
public record IssuedCode(String code, String shareUrl, String qrSvgUrl, String qrPngUrl, String posterPngUrl,
                         String posterSvgUrl) {

    public static IssuedCode of(String code, Links links) {
        return new IssuedCode(code, links.shareUrl(code), links.api(code, "qr.svg"), links.api(code, "qr.png"),
                links.api(code, "poster.png"), links.api(code, "poster.svg"));
    }
}
