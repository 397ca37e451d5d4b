package io.npsloop.survey.order;

public enum PaymentType {
    SELF_PAY, WARRANTY, INSURANCE
}
