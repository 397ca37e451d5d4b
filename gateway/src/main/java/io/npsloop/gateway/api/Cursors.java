package io.npsloop.gateway.api;

import io.npsloop.gateway.client.Page;
import io.npsloop.gateway.error.BadUserInputException;
import io.npsloop.gateway.model.PageInfo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Relay cursors over the services' {@code ?limit=&after=} lists. A gateway cursor is an opaque encoding of
 * (service cursor, items to skip after it), so every edge has its own cursor although a service only names the
 * cursor after its last item. The service is asked for {@code skip + first} items after its cursor.
 */
final class Cursors {

    private static final String PREFIX = "c1:";

    private Cursors() {
    }

    record Position(String after, int skip) {
        int limit(int first) {
            return skip + first;
        }
    }

    record Item<T>(String cursor, T node) {
    }

    record Slice<T>(List<Item<T>> items, PageInfo pageInfo, Integer totalCount) {
    }

    static Position decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return new Position(null, 0);
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!raw.startsWith(PREFIX)) {
                throw new IllegalArgumentException();
            }
            String rest = raw.substring(PREFIX.length());
            int bar = rest.indexOf('|');
            int skip = Integer.parseInt(rest.substring(0, bar));
            String after = rest.substring(bar + 1);
            if (skip < 0 || skip > 1000) {
                throw new IllegalArgumentException();
            }
            return new Position(after.isEmpty() ? null : after, skip);
        } catch (RuntimeException e) {
            throw BadUserInputException.of("after", "not a cursor of this API").unchecked();
        }
    }

    static String encode(String after, int skip) {
        String raw = PREFIX + skip + "|" + (after == null ? "" : after);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static <T> Slice<T> slice(Page<T> page, Position pos, int first) {
        List<T> all = page.items();
        List<Item<T>> out = new ArrayList<>();
        int end = Math.min(all.size(), pos.skip() + first);
        for (int i = pos.skip(); i < end; i++) {
            boolean lastOfServicePage = i == all.size() - 1 && page.next() != null;
            String cursor = lastOfServicePage ? encode(page.next(), 0) : encode(pos.after(), i + 1);
            out.add(new Item<>(cursor, all.get(i)));
        }
        boolean hasNext = page.next() != null || all.size() > end;
        String endCursor = out.isEmpty() ? null : out.get(out.size() - 1).cursor();
        return new Slice<>(out, new PageInfo(hasNext, endCursor), page.total());
    }
}
