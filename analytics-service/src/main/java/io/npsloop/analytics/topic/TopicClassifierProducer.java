package io.npsloop.analytics.topic;

import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** One classifier per application: the taxonomy is loaded once, HanLP's dictionaries on first use. */
@ApplicationScoped
public class TopicClassifierProducer {

    @Produces
    @Singleton
    TopicClassifier classifier(TopicsConfig config) {
        TopicClassifier c = new TopicClassifier(Taxonomy.load(config.taxonomy(), config.extraTerms()));
        c.classify("预热 warm-up"); // loads HanLP's dictionaries now, not on an event loop during the first batch
        return c;
    }

    /** Creates the classifier at boot (blocking dictionary load on the main thread). */
    void warmUp(@Observes StartupEvent ev, TopicClassifier classifier, TopicsConfig config) {
        if (config.enabled()) {
            classifier.taxonomy();
        }
    }
}
