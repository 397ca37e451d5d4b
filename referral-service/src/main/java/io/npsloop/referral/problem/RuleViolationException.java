package io.npsloop.referral.problem;

/** A referral rule refuses the request: 422 with {@code rule} (SELF_REFERRAL, KNOWN_CUSTOMER, ALREADY_REFERRED). */
public class RuleViolationException extends RuntimeException {

    private final String rule;

    public RuleViolationException(String rule, String detail) {
        super(detail, null, false, false);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }

    public RuleProblem problem() {
        return new RuleProblem("https://npsloop.dev/problems/referral-rule", "Referral refused", 422, getMessage(), rule);
    }
}
