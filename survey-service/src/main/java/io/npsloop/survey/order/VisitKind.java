package io.npsloop.survey.order;

public enum VisitKind {
    FIRST_SERVICE, ROUTINE, REPEAT_REPAIR
}
