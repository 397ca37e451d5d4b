package io.npsloop.survey.order;

public enum Locality {
    LOCAL, NON_LOCAL
}
