package io.npsloop.survey.referral;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A promoter's referral as referral-service issues it (unknown extra fields are tolerated). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Referral(String code, String shareUrl, String qrSvgUrl, String qrPngUrl, String posterPngUrl,
                       String posterSvgUrl) {
}
