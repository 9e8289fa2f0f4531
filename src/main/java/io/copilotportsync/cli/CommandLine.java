package io.copilotportsync.cli;

import io.copilotportsync.config.ConfigurationException;
import io.copilotportsync.config.SyncSettings;
import io.copilotportsync.jq.JqDialect;
import io.copilotportsync.logging.SecretRedactor;
import io.copilotportsync.mapping.MappingEngine;
import io.copilotportsync.mapping.MappingValidator;
import io.copilotportsync.sync.EnterpriseCredentials;
import io.copilotportsync.sync.SourceKind;
import io.copilotportsync.sandbox.Sandbox;
import io.copilotportsync.sync.SyncApplication;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The command line of DESIGN.md: service (no argument), --once, --sandbox, preview. Answers the exit code. */
public final class CommandLine {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int CONFIGURATION_ERROR = 2;

    private static final String USAGE = """
            usage: java -jar copilot-port-sync.jar [--once | --sandbox | preview --kind KIND --input FILE|- | validate]
              (no argument)  run on the SYNC_CRON schedule until stopped
              --once         sync every kind in the mapping once, print a summary; exit 0 only if every kind succeeded
              --sandbox      start local GitHub and Port stand-ins with generated data and sync into them
              preview        map raw items with the mapping file, one entity a line (offline)
              validate       check the mapping file and its blueprints; every problem a line, exit 2 if any""";

    private final Function<String, String> env;
    private final InputStream stdin;
    private final PrintStream out;
    private final PrintStream err;

    public CommandLine(Function<String, String> env, InputStream stdin, PrintStream out, PrintStream err) {
        this.env = env;
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    public int run(String... args) {
        try {
            List<String> a = List.of(args);
            if (a.isEmpty()) {
                new SyncApplication(SyncSettings.from(env, true), Map.of(), Clock.systemUTC()).serve();
                return OK;
            }
            return switch (a.get(0)) {
                case "--once" -> new SyncApplication(SyncSettings.from(env, true), Map.of(), Clock.systemUTC()).runOnce(out);
                case "--sandbox" -> Sandbox.run(env, out);
                case "preview" -> preview(a.subList(1, a.size()));
                case "validate" -> validate();
                case "--help", "-h" -> {
                    out.println(USAGE);
                    yield OK;
                }
                default -> throw new ConfigurationException("unknown argument '" + a.get(0) + "'\n" + USAGE);
            };
        } catch (ConfigurationException e) {
            err.println("configuration error: " + SecretRedactor.redact(e.getMessage()));
            return CONFIGURATION_ERROR;
        } catch (Exception e) {
            err.println("failed: " + SecretRedactor.redact(String.valueOf(e.getMessage())));
            return FAILED;
        }
    }

    private int validate() {
        SyncSettings settings = SyncSettings.from(env, false);
        List<String> problems = new java.util.ArrayList<>(new MappingValidator(settings.mappingFile(),
                new JqDialect(settings.mappingJqEnv(), System.getenv())).validate(new java.util.LinkedHashSet<>(SourceKind.names())));
        boolean github = !settings.githubToken().isEmpty() || settings.usesGitHubApp();
        List<String> kinds = problems.isEmpty() ? MappingEngine.load(settings.mappingFile()).kinds() : List.of();
        String enterprise = problems.isEmpty() ? EnterpriseCredentials.problem(settings, kinds) : null;
        if (enterprise != null) {
            problems.add(enterprise);
        } else if (github && !settings.portClientId().isEmpty() && problems.isEmpty()) {
            problems.addAll(new ConnectivityCheck(settings).problems(kinds));
        } else if (problems.isEmpty()) {
            out.println("connectivity not checked: set GITHUB_TOKEN (or a GitHub App), PORT_CLIENT_ID and PORT_CLIENT_SECRET to check it");
        }
        problems.forEach(err::println);
        if (!problems.isEmpty()) {
            err.println(problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " in " + settings.mappingFile());
            return CONFIGURATION_ERROR;
        }
        out.println(settings.mappingFile() + " and its blueprints are valid" + (github && !settings.portClientId().isEmpty()
                ? "; GitHub and Port accept the credentials" : ""));
        return OK;
    }

    private int preview(List<String> args) throws java.io.IOException {
        String kind = null;
        String input = null;
        for (int i = 0; i < args.size(); i++) {
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            switch (args.get(i)) {
                case "--kind" -> kind = value;
                case "--input" -> input = value;
                default -> throw new ConfigurationException("preview: unknown argument '" + args.get(i) + "'\n" + USAGE);
            }
            i++;
        }
        if (kind == null || input == null) {
            throw new ConfigurationException("preview needs --kind KIND and --input FILE (or - for stdin)\n" + USAGE);
        }
        SyncSettings settings = SyncSettings.from(env, false);
        JqDialect jq = new JqDialect(settings.mappingJqEnv(), System.getenv());
        return Preview.run(MappingEngine.load(settings.mappingFile(), jq), kind, input, stdin, out, err);
    }
}
