package io.npsloop.survey.recovery.alert;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** {@code npsloop.webhook.signing-secret}: when set, webhook/DeliveryWorker signs invitation/reminder deliveries. */
@ConfigMapping(prefix = "npsloop.webhook")
public interface WebhookSigning {

    Optional<String> signingSecret();
}
