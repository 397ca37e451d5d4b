package io.npsloop.survey.order;

import io.npsloop.problem.Problem;
import io.npsloop.problem.ProblemException;
import io.npsloop.survey.common.Keys;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rules of {@link OrderInput}, checked by hand rather than by the bean-validation interceptor: order intake is
 * the chain's busiest authenticated endpoint, and the interceptor cost several percent of its CPU. The annotations on
 * {@code OrderInput} stay as the documented schema; this class applies exactly them (same messages, every violation
 * named, sorted by field as the violation mapper answers) plus the phone digit count the annotations cannot express.
 */
public final class OrderValidation {

    private static final Pattern STORE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern PHONE = Pattern.compile("[+0-9 ()\\-]{5,32}");
    private static final String REQUIRED = "is required";

    private OrderValidation() {
    }

    /** Throws a 400 problem naming every invalid field; returns quietly for a valid order. */
    public static void check(OrderInput o) {
        List<Problem.InvalidParam> bad = problems(o);
        if (!bad.isEmpty()) {
            String detail = bad.stream().map(p -> p.name() + " " + p.reason()).collect(Collectors.joining("; "));
            throw new ProblemException(Problem.invalid(detail, bad));
        }
    }

    static List<Problem.InvalidParam> problems(OrderInput o) {
        List<Problem.InvalidParam> bad = new ArrayList<>(2);
        if (o == null) {
            bad.add(new Problem.InvalidParam("order", REQUIRED));
            return bad;
        }
        notBlank(bad, "orderId", o.orderId());
        max(bad, "orderId", o.orderId(), 64);
        notBlank(bad, "storeId", o.storeId());
        if (o.storeId() != null && !STORE_ID.matcher(o.storeId()).matches()) {
            bad.add(new Problem.InvalidParam("storeId", "must be 1-64 letters, digits, '_' or '-'"));
        }
        max(bad, "advisorId", o.advisorId(), 64);
        max(bad, "technicianId", o.technicianId(), 64);
        required(bad, "closedAt", o.closedAt());
        required(bad, "serviceType", o.serviceType());
        required(bad, "paymentType", o.paymentType());
        required(bad, "visitKind", o.visitKind());
        required(bad, "amountCents", o.amountCents());
        zeroOrMore(bad, "amountCents", o.amountCents());
        required(bad, "customer", o.customer());
        if (o.customer() != null) {
            customer(bad, o.customer());
        }
        bad.sort(Comparator.comparing(Problem.InvalidParam::name));
        return bad;
    }

    private static void customer(List<Problem.InvalidParam> bad, OrderInput.Customer c) {
        max(bad, "customer.id", c.id(), 64);
        notBlank(bad, "customer.phone", c.phone());
        if (c.phone() != null && !PHONE.matcher(c.phone()).matches()) {
            bad.add(new Problem.InvalidParam("customer.phone", "must be a phone number"));
        } else if (c.phone() != null && !c.phone().isBlank()) {
            int digits = Keys.normalisePhone(c.phone()).length();
            if (digits < 5 || digits > 15) {
                bad.add(new Problem.InvalidParam("customer.phone", "must be a phone number"));
            }
        }
        max(bad, "customer.name", c.name(), 100);
        zeroOrMore(bad, "customer.tenureMonths", c.tenureMonths());
        max(bad, "customer.regionCode", c.regionCode(), 32);
        max(bad, "customer.ageBand", c.ageBand(), 32);
        max(bad, "customer.gender", c.gender(), 32);
        max(bad, "customer.occupation", c.occupation(), 64);
        max(bad, "customer.plate", c.plate(), 16);
    }

    private static void required(List<Problem.InvalidParam> bad, String name, Object value) {
        if (value == null) {
            bad.add(new Problem.InvalidParam(name, REQUIRED));
        }
    }

    /** {@code @NotBlank}: null, empty or only whitespace. */
    private static void notBlank(List<Problem.InvalidParam> bad, String name, String value) {
        if (value == null || value.trim().isEmpty()) {
            bad.add(new Problem.InvalidParam(name, REQUIRED));
        }
    }

    /** {@code @Size(max)}: counted in UTF-16 units, as bean validation counts. */
    private static void max(List<Problem.InvalidParam> bad, String name, String value, int max) {
        if (value != null && value.length() > max) {
            bad.add(new Problem.InvalidParam(name, "must be at most " + max + " characters"));
        }
    }

    private static void zeroOrMore(List<Problem.InvalidParam> bad, String name, Number value) {
        if (value != null && value.longValue() < 0) {
            bad.add(new Problem.InvalidParam(name, "must be zero or more"));
        }
    }
}
