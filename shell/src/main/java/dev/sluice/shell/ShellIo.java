package dev.sluice.shell;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.IntSupplier;

/**
 * Where the shell writes: query output (the terminal, or a file after {@code \o file}), messages
 * and errors (always the terminal's error stream), with which colors, at which width, and how a push
 * query shows its status line.
 */
final class ShellIo {
    private final PrintStream terminalOut;
    final PrintStream err;
    final Style style;
    final IntSupplier width;
    final PushStatus.Factory status;
    private PrintStream out;
    private Path outFile;

    ShellIo(PrintStream terminalOut, PrintStream err, Style style, IntSupplier width, PushStatus.Factory status) {
        this.terminalOut = terminalOut;
        this.out = terminalOut;
        this.err = err;
        this.style = style;
        this.width = width;
        this.status = status;
    }

    /** For scripts and tests: plain text, no width, no status line. */
    static ShellIo plain(PrintStream out, PrintStream err) {
        return new ShellIo(out, err, Style.PLAIN, () -> 0, PushStatus.NONE);
    }

    /** Query output: the terminal, or the {@code \o} file. */
    PrintStream out() {
        return out;
    }

    /** Styles and widths apply to the terminal only; a {@code \o} file gets plain text. */
    Style outStyle() {
        return outFile == null ? style : Style.PLAIN;
    }

    int outWidth() {
        return outFile == null ? width.getAsInt() : 0;
    }

    boolean redirected() {
        return outFile != null;
    }

    void redirect(Path file) throws IOException {
        PrintStream next = new PrintStream(new FileOutputStream(file.toFile()), true, StandardCharsets.UTF_8);
        closeRedirect();
        out = next;
        outFile = file;
    }

    void closeRedirect() {
        if (outFile != null) {
            out.close();
            out = terminalOut;
            outFile = null;
        }
    }
}
