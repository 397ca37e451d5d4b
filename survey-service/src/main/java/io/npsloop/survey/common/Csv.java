package io.npsloop.survey.common;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader: comma separated, double-quoted fields may hold commas, quotes ("") and line
 * breaks. Each record knows the physical line it starts on, for error reports.
 */
public final class Csv implements AutoCloseable {

    /** One record and the line (1-based) it starts on. */
    public record Record(long line, List<String> fields) {
    }

    /** Thrown for a structurally broken file (an unterminated quote). */
    public static final class MalformedCsv extends RuntimeException {
        public final long line;

        MalformedCsv(long line, String msg) {
            super(msg, null, false, false);
            this.line = line;
        }
    }

    private final Reader in;
    private final int maxFieldChars;
    private long line = 1;
    private int pushback = -2;

    public Csv(Reader in, int maxFieldChars) {
        this.in = in;
        this.maxFieldChars = maxFieldChars;
    }

    private int read() throws IOException {
        if (pushback != -2) {
            int c = pushback;
            pushback = -2;
            return c;
        }
        return in.read();
    }

    /** The next record, or null at the end of input. Blank lines are skipped. */
    public Record next() throws IOException {
        while (true) {
            long start = line;
            List<String> fields = new ArrayList<>();
            StringBuilder f = new StringBuilder();
            boolean quoted = false;
            boolean any = false;
            int c = read();
            if (c == -1) {
                return null;
            }
            while (true) {
                if (quoted) {
                    if (c == -1) {
                        throw new MalformedCsv(start, "unterminated quoted field");
                    }
                    if (c == '"') {
                        int d = read();
                        if (d == '"') {
                            f.append('"');
                        } else {
                            quoted = false;
                            c = d;
                            continue;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        f.append((char) c);
                    }
                } else if (c == '"' && f.isEmpty()) {
                    quoted = true;
                    any = true;
                } else if (c == ',') {
                    fields.add(f.toString());
                    f.setLength(0);
                    any = true;
                } else if (c == '\r') {
                    int d = read();
                    if (d != '\n') {
                        pushback = d;
                    }
                    line++;
                    break;
                } else if (c == '\n' || c == -1) {
                    if (c == '\n') {
                        line++;
                    }
                    break;
                } else {
                    f.append((char) c);
                    any = true;
                }
                if (f.length() > maxFieldChars) {
                    throw new MalformedCsv(start, "a field is longer than " + maxFieldChars + " characters");
                }
                c = read();
            }
            fields.add(f.toString());
            if (!any && fields.size() == 1 && fields.get(0).isEmpty()) {
                if (c == -1) {
                    return null;
                }
                continue;
            }
            return new Record(start, fields);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
