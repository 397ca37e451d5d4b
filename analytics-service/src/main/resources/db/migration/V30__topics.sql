-- Comment topics (io.npsloop.analytics.topic), maintained in the feed transaction that applies ResponseSubmitted.
-- topic_rollup: day x store x the ten segment attributes x topic -> categories of the responses mentioning it.
-- "Without the topic" figures are the rollup_fine/rollup_dim totals minus these, so both stay exact together.
CREATE TABLE topic_rollup (
    day          DATE   NOT NULL,
    store_id     TEXT   NOT NULL,
    service_type TEXT   NOT NULL DEFAULT '',
    payment_type TEXT   NOT NULL DEFAULT '',
    visit_kind   TEXT   NOT NULL DEFAULT '',
    tenure       TEXT   NOT NULL DEFAULT '',
    locality     TEXT   NOT NULL DEFAULT '',
    spend_band   TEXT   NOT NULL DEFAULT '',
    age_band     TEXT   NOT NULL DEFAULT '',
    gender       TEXT   NOT NULL DEFAULT '',
    occupation   TEXT   NOT NULL DEFAULT '',
    channel      TEXT   NOT NULL DEFAULT '',
    topic        TEXT   NOT NULL,
    promoters    BIGINT NOT NULL DEFAULT 0,
    passives     BIGINT NOT NULL DEFAULT 0,
    detractors   BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day, store_id, topic, service_type, payment_type, visit_kind, tenure, locality, spend_band, age_band,
                 gender, occupation, channel)
);

-- Which cue words (negator kept: "不+贵") made a topic, per day and store: the keyword lists of GET /topics.
CREATE TABLE topic_keyword (
    day      DATE   NOT NULL,
    store_id TEXT   NOT NULL,
    topic    TEXT   NOT NULL,
    keyword  TEXT   NOT NULL,
    mentions BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day, store_id, topic, keyword)
);

-- Masked comments (survey-service masks phones, plates, ID numbers, e-mails before the event leaves it) that
-- mention a topic, for the sample comments shown to store managers and above. Bounded by
-- npsloop.topics.sample-retention: older days are neither stored nor kept (TopicRetention purges them).
CREATE TABLE topic_comment (
    response_id  TEXT     PRIMARY KEY,
    day          DATE     NOT NULL,
    store_id     TEXT     NOT NULL,
    service_type TEXT     NOT NULL DEFAULT '',
    payment_type TEXT     NOT NULL DEFAULT '',
    visit_kind   TEXT     NOT NULL DEFAULT '',
    tenure       TEXT     NOT NULL DEFAULT '',
    locality     TEXT     NOT NULL DEFAULT '',
    spend_band   TEXT     NOT NULL DEFAULT '',
    age_band     TEXT     NOT NULL DEFAULT '',
    gender       TEXT     NOT NULL DEFAULT '',
    occupation   TEXT     NOT NULL DEFAULT '',
    channel      TEXT     NOT NULL DEFAULT '',
    score        SMALLINT NOT NULL,
    topics       TEXT[]   NOT NULL,
    comment      TEXT     NOT NULL
);
CREATE INDEX topic_comment_day_store ON topic_comment (day, store_id);
