package io.npsloop.launcher;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Entry point of {@code ./npsloop}: up, down, status, token, help. */
public final class Npsloop {

    static final String HELP = """
            Usage: ./npsloop <command> [options]

              up                 Build what is not built yet, start PostgreSQL (embedded, data in .npsloop/,
                                 or the server in NPSLOOP_DB_URL), create the three databases, start the four
                                 services, wait until all are ready, load demo data on an empty database and
                                 print the URLs. Ctrl-C or SIGTERM stops everything, the database last.
              down               Stop a suite started by 'up' (SIGTERM to its launcher) and wait until it is gone.
              status             Is a suite running here, and is each service ready?
              token ROLE [--stores S01,S02] [--regions R1] [--hours N]
                                 Print a signed dev JWT (last line of stdout) for the local run. ROLE is one of
                                 SERVICE_ADVISOR STORE_MANAGER TECHNICAL_DIRECTOR SERVICE_DIRECTOR GENERAL_MANAGER
                                 REGION_MANAGER HQ_ANALYST INTEGRATION SERVICE.
              help               This text.

            Environment: NPSLOOP_DB_URL (postgresql://user:password@host:5432/postgres), NPSLOOP_DB_PORT (embedded
            PostgreSQL port, default 5532), NPSLOOP_GATEWAY_PORT / _SURVEY_PORT / _ANALYTICS_PORT / _REFERRAL_PORT
            (8080-8083), NPSLOOP_READY_TIMEOUT (seconds, default 240), NPSLOOP_JAVA_OPTS (JVM options of the services),
            NPSLOOP_DEMO=false (skip demo data).
            """;

    private Npsloop() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        int code;
        try {
            code = run(args, out);
        } catch (LauncherException e) {
            System.err.println("npsloop: " + e.getMessage());
            code = 2;
        } catch (RuntimeException | LinkageError e) {
            System.err.println("npsloop: unexpected failure: " + Database.rootMessage(e));
            code = 1;
        }
        System.exit(code);
    }

    static int run(String[] args, PrintStream out) {
        if (args.length == 0) {
            throw new LauncherException("no command given; try ./npsloop help");
        }
        Home home = Home.fromSystemProperty();
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        return switch (args[0]) {
            case "up" -> {
                noOptions("up", rest);
                yield new Suite(home, out).up();
            }
            case "down" -> {
                noOptions("down", rest);
                yield Control.down(home, out);
            }
            case "status" -> {
                noOptions("status", rest);
                yield Control.status(home, out);
            }
            case "token" -> token(home, rest, out);
            case "help", "--help", "-h" -> {
                out.print(HELP);
                yield 0;
            }
            default -> throw new LauncherException("unknown command '" + args[0] + "'; try ./npsloop help");
        };
    }

    private static int token(Home home, List<String> args, PrintStream out) {
        if (args.isEmpty() || args.get(0).startsWith("--")) {
            throw new LauncherException("token needs a ROLE, e.g. ./npsloop token STORE_MANAGER --stores S01");
        }
        String role = args.get(0).toUpperCase();
        List<String> stores = List.of();
        List<String> regions = List.of();
        long hours = 12;
        for (int i = 1; i < args.size(); i++) {
            String option = args.get(i);
            if (i + 1 >= args.size()) {
                throw new LauncherException("option " + option + " needs a value");
            }
            String value = args.get(++i);
            switch (option) {
                case "--stores" -> stores = csv(value);
                case "--regions" -> regions = csv(value);
                case "--hours" -> {
                    try {
                        hours = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        hours = -1;
                    }
                    if (hours < 1 || hours > 720) {
                        throw new LauncherException("--hours must be a whole number from 1 to 720");
                    }
                }
                default -> throw new LauncherException("unknown option '" + option + "' for token; try ./npsloop help");
            }
        }
        out.println(new DevKeys(home).ensure().token(role, stores, regions, Duration.ofHours(hours)));
        return 0;
    }

    private static List<String> csv(String value) {
        List<String> out = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return List.copyOf(out);
    }

    private static void noOptions(String command, List<String> rest) {
        if (!rest.isEmpty()) {
            throw new LauncherException(command + " takes no options (got " + String.join(" ", rest) + "); try ./npsloop help");
        }
    }
}
