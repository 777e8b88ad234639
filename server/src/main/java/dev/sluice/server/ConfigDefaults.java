package dev.sluice.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Supplies option defaults from the environment and a properties file, so that every flag can also
 * be set as {@code SLUICE_<NAME>} (e.g. {@code --data-dir} as {@code SLUICE_DATA_DIR}) or as
 * {@code <name>} in the file named by {@code --config} / {@code SLUICE_CONFIG} (e.g. {@code
 * data-dir=/var/lib/sluice}, or the dotted form {@code data.dir}). Flags given on the command line
 * win over both; the environment wins over the file.
 */
final class ConfigDefaults implements CommandLine.IDefaultValueProvider {
    static final String CONFIG_ENV = "SLUICE_CONFIG";

    private final Map<String, String> env;
    private final Properties file;

    ConfigDefaults(Map<String, String> env, Properties file) {
        this.env = env;
        this.file = file;
    }

    /**
     * Builds the provider for one invocation: the config file is found from the raw arguments
     * ({@code --config FILE} or {@code --config=FILE}) or {@code SLUICE_CONFIG}, because picocli asks
     * for defaults before it has parsed {@code --config} itself.
     */
    static ConfigDefaults forArgs(String[] args, Map<String, String> env) {
        String path = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                path = args[i + 1];
            } else if (args[i].startsWith("--config=")) {
                path = args[i].substring("--config=".length());
            }
        }
        if (path == null) {
            path = env.get(CONFIG_ENV);
        }
        return new ConfigDefaults(env, path == null ? new Properties() : load(Path.of(path)));
    }

    static Properties load(Path path) {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(path)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config file " + path + ": " + e.getMessage(), e);
        }
        return props;
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option)) {
            return null;
        }
        String name = option.longestName().replaceFirst("^-+", "");
        String envValue = env.get(envName(name));
        if (envValue != null) {
            return envValue;
        }
        String fileValue = file.getProperty(name);
        if (fileValue == null) {
            fileValue = file.getProperty(name.replace('-', '.'));
        }
        return fileValue;
    }

    /** {@code data-dir} becomes {@code SLUICE_DATA_DIR}. */
    static String envName(String optionName) {
        return "SLUICE_" + optionName.replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT);
    }
}
