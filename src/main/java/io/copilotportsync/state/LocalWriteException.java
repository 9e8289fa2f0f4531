package io.copilotportsync.state;

/**
 * A file under DATA_DIR could not be written (disk full, read-only, permissions): a local fault, not bad input and
 * not a broken download, so nothing retries it and the run stops. The I/O error is kept as a suppressed exception,
 * not as the cause, so that no handler of download errors (IOException) mistakes it for one.
 */
public final class LocalWriteException extends RuntimeException {
    public LocalWriteException(String what, java.nio.file.Path file, java.io.IOException e) {
        super("cannot write " + what + " " + file + ": " + reason(e));
        addSuppressed(e);
    }

    /** What went wrong, in the file system's words ("No space left on device"), without the path again. */
    public static String reason(java.io.IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // FileSystemException's message repeats the path before the reason: the reason is what a user needs
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            message = fs.getReason();
        }
        return message;
    }

    /** The LocalWriteException in an exception's causes and suppressed exceptions, or null. */
    public static LocalWriteException in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof LocalWriteException local) {
                return local;
            }
            for (Throwable s : t.getSuppressed()) {
                if (s instanceof LocalWriteException local) {
                    return local;
                }
            }
        }
        return null;
    }
}
