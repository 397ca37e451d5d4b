package io.npsloop.analytics.query;

import io.npsloop.problem.Problem;
import io.npsloop.problem.ProblemException;
import io.npsloop.analytics.rollup.Attr;
import jakarta.ws.rs.core.MultivaluedMap;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The query parameters of contracts.md, validated together: every bad one is named in one 400 problem. */
public final class QueryParams {

    static final int MAX_DAYS = 3700;
    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final MultivaluedMap<String, String> q;
    private final List<Problem.InvalidParam> errors = new ArrayList<>();

    public QueryParams(MultivaluedMap<String, String> q) {
        this.q = q;
    }

    /** The filters: stores, regions, attributes. */
    public record Filters(List<String> storeIds, List<String> regionIds, Map<Attr, List<String>> attrs) {
    }

    public LocalDate date(String name) {
        String v = single(name, true);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            return bad(name, "must be a date YYYY-MM-DD");
        }
    }

    /** from and to, both required, from ≤ to, at most ~10 years apart. */
    public LocalDate[] range() {
        LocalDate from = date("from");
        LocalDate to = date("to");
        if (from != null && to != null) {
            if (from.isAfter(to)) {
                bad("to", "must not be before from");
            } else if (from.plusDays(MAX_DAYS).isBefore(to)) {
                bad("to", "must be at most " + MAX_DAYS + " days after from");
            }
        }
        return new LocalDate[]{from, to};
    }

    /** The Monday of an ISO week 2026-W48. */
    public LocalDate week(String name) {
        String v = single(name, true);
        if (v == null) {
            return null;
        }
        Matcher m = WEEK.matcher(v);
        if (!m.matches()) {
            return bad(name, "must be an ISO week like 2026-W48");
        }
        int year = Integer.parseInt(m.group(1));
        int week = Integer.parseInt(m.group(2));
        LocalDate probe = LocalDate.of(year, 6, 1);
        if (week < 1 || week > probe.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
            return bad(name, "has no such week in " + year);
        }
        return probe.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week).with(DayOfWeek.MONDAY);
    }

    public <E extends Enum<E>> E choice(String name, Class<E> type) {
        String v = single(name, true);
        if (v == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            return bad(name, "must be one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name)
                    .collect(Collectors.joining(", ")));
        }
    }

    public Filters filters() {
        List<String> stores = codes("storeId");
        List<String> regions = codes("regionId");
        Map<Attr, List<String>> attrs = new LinkedHashMap<>();
        for (Attr a : Attr.ALL) {
            List<String> vals = q.getOrDefault(a.param(), List.of());
            if (vals.isEmpty()) {
                continue;
            }
            boolean ok = true;
            for (String v : vals) {
                if (a.allowed() != null ? !a.allowed().contains(v) : !CODE.matcher(v).matches()) {
                    bad(a.param(), a.allowed() != null ? "must be one of " + String.join(", ", a.allowed().stream().sorted().toList())
                            : "must be a code of 1-64 letters, digits, '_', '.' or '-'");
                    ok = false;
                    break;
                }
            }
            if (ok) {
                attrs.put(a, List.copyOf(new java.util.LinkedHashSet<>(vals)));
            }
        }
        return new Filters(stores, regions, attrs);
    }

    /** Refuses filters an endpoint cannot honour (its figures are not kept per that attribute). */
    public void only(Filters f, List<Attr> supported, String why) {
        for (Attr a : f.attrs().keySet()) {
            if (!supported.contains(a)) {
                bad(a.param(), why);
            }
        }
    }

    /** Ends the request with 400 when anything was invalid. */
    public void check() {
        if (!errors.isEmpty()) {
            String detail = errors.stream().map(p -> p.name() + " " + p.reason()).collect(Collectors.joining("; "));
            throw new ProblemException(Problem.invalid(detail, List.copyOf(errors)));
        }
    }

    private List<String> codes(String name) {
        List<String> vals = q.getOrDefault(name, List.of());
        for (String v : vals) {
            if (!CODE.matcher(v).matches()) {
                bad(name, "must be an id of 1-64 letters, digits, '_', '.' or '-'");
                return List.of();
            }
        }
        return List.copyOf(new java.util.LinkedHashSet<>(vals));
    }

    private String single(String name, boolean required) {
        List<String> vals = q.get(name);
        if (vals == null || vals.isEmpty() || vals.get(0).isBlank()) {
            if (required) {
                bad(name, "is required");
            }
            return null;
        }
        if (vals.size() > 1) {
            bad(name, "must be given once");
            return null;
        }
        return vals.get(0);
    }

    private <T> T bad(String name, String reason) {
        if (errors.stream().noneMatch(e -> e.name().equals(name))) {
            errors.add(new Problem.InvalidParam(name, reason));
        }
        return null;
    }
}
