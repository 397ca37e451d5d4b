package io.npsloop.launcher;

/** A failure the user can act on: printed as one line, never with a stack trace. */
final class LauncherException extends RuntimeException {
    LauncherException(String message) {
        super(message, null, false, false);
    }
}
