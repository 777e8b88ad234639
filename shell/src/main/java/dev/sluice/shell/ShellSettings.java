package dev.sluice.shell;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code \set}, {@code \x} and {@code \timing} change. One mutable object per shell, read by
 * the printers at each statement.
 */
final class ShellSettings {
    OutputFormat format = OutputFormat.table;
    Expanded expanded = Expanded.OFF;
    boolean timing;
    boolean showTypes;
    String nullText = "NULL";
    /** Rows per round trip while streaming a push query (pgjdbc's fetch size). */
    int fetchSize = 100;
    /**
     * {@code emacs} or {@code vi}: the key bindings of the interactive line editor; null until the
     * shell knows (from {@code --vi}, else from {@code ~/.inputrc}'s {@code set editing-mode}, else
     * emacs).
     */
    String editingMode;

    /** The names {@code \set} knows, with their current values, for {@code \set} without arguments. */
    Map<String, String> values() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", format.name());
        m.put("expanded", expanded.name().toLowerCase(Locale.ROOT));
        m.put("timing", onOff(timing));
        m.put("types", onOff(showTypes));
        m.put("null", nullText);
        m.put("fetch_size", String.valueOf(fetchSize));
        m.put("editing_mode", editingMode == null ? "emacs" : editingMode);
        return m;
    }

    /**
     * Sets one value.
     *
     * @throws IllegalArgumentException with a message for the user when the name or value is wrong
     */
    void set(String name, String value) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "format" -> format = parseEnum(OutputFormat.class, value.toLowerCase(Locale.ROOT), "format");
            case "expanded" -> expanded = parseEnum(Expanded.class, value.toUpperCase(Locale.ROOT), "expanded");
            case "timing" -> timing = parseBoolean(value, "timing");
            case "types" -> showTypes = parseBoolean(value, "types");
            case "null" -> nullText = value;
            case "fetch_size" -> {
                try {
                    fetchSize = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    fetchSize = -1;
                }
                if (fetchSize < 1) {
                    fetchSize = 100;
                    throw new IllegalArgumentException("fetch_size must be a positive integer");
                }
            }
            case "editing_mode", "editing-mode" -> {
                String mode = value.toLowerCase(Locale.ROOT);
                if (!mode.equals("vi") && !mode.equals("emacs")) {
                    throw new IllegalArgumentException("editing_mode must be vi or emacs, not \"" + value + "\"");
                }
                editingMode = mode;
            }
            default ->
                throw new IllegalArgumentException(
                        "unknown setting \"" + name + "\"; known: " + String.join(", ", values().keySet()));
        }
    }

    static boolean parseBoolean(String value, String name) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "on", "true", "1", "yes" -> true;
            case "off", "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException(name + " must be on or off, not \"" + value + "\"");
        };
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String name) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            StringBuilder known = new StringBuilder();
            for (E c : type.getEnumConstants()) {
                known.append(known.length() == 0 ? "" : ", ").append(c.name().toLowerCase(Locale.ROOT));
            }
            throw new IllegalArgumentException(name + " must be one of " + known + ", not \"" + value + "\"");
        }
    }

    private static String onOff(boolean b) {
        return b ? "on" : "off";
    }
}
