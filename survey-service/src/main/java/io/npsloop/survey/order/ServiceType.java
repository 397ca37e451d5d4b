package io.npsloop.survey.order;

public enum ServiceType {
    RESCUE, MAINTENANCE, REPAIR, TYRE, OTHER
}
