package io.npsloop.problem;

/** Thrown by services to end a request with a specific problem document; nothing has been written. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(404, "not-found", "Not found", detail));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(409, "conflict", "Conflict", detail));
    }

    public static ProblemException gone(String detail) {
        return new ProblemException(Problem.of(410, "gone", "Gone", detail));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of(403, "forbidden", "Forbidden", detail));
    }

    public static ProblemException invalid(String field, String reason) {
        return new ProblemException(Problem.invalid(field + " " + reason,
                java.util.List.of(new Problem.InvalidParam(field, reason))));
    }
}
