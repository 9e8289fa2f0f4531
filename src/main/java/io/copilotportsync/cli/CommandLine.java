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
            usage: java -jar copilot-port-sync.jar [--once | --resync | --sandbox | preview --kind KIND --input FILE|- | validate [--kind KIND --sample FILE]
                                              | replay-dead-letters [FILE]]
              (no argument)  run on the SYNC_CRON schedule until stopped
              --once         sync every kind in the mapping once, print a summary; exit 0 only if every kind succeeded
              --resync       like --once, but read SYNC_START_DAY..SYNC_END_DAY again whatever the state says
                             (after an upgrade or a mapping fix); SYNC_KINDS limits it to some kinds
              replay-dead-letters  send the records kept in DATA_DIR/dead-letter/ (or FILE) again, through the
                             current mapping; remove what was delivered (after an upgrade or a mapping fix)
              --sandbox      start local GitHub and Port stand-ins with generated data and sync into them
              preview        map raw items with the mapping file, one entity a line (offline)
              validate       check the mapping file and its blueprints; every problem a line, exit 2 if any; name
                             the fields of GitHub's sample items (or of your --sample file) the mapping does not use""";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CommandLine.class);

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
                new SyncApplication(runSettings(), Map.of(), Clock.systemUTC()).serve();
                return OK;
            }
            return switch (a.get(0)) {
                case "--once" -> new SyncApplication(runSettings(), Map.of(), Clock.systemUTC()).runOnce(out);
                case "replay-dead-letters" -> {
                    if (a.size() > 2) {
                        throw new ConfigurationException("replay-dead-letters takes one FILE at most\n" + USAGE);
                    }
                    java.nio.file.Path file = a.size() == 2 ? java.nio.file.Path.of(a.get(1)) : null;
                    if (file != null && !java.nio.file.Files.isRegularFile(file)) {
                        throw new ConfigurationException("replay-dead-letters: no dead-letter file " + file);
                    }
                    yield new SyncApplication(SyncSettings.from(env, true), Map.of(), Clock.systemUTC()).replayDeadLetters(file, out);
                }
                case "--resync" -> new SyncApplication(runSettings().resyncing(), Map.of(), Clock.systemUTC()).runOnce(out);
                case "--sandbox" -> Sandbox.run(env, out);
                case "preview" -> preview(a.subList(1, a.size()));
                case "validate" -> validate(a.subList(1, a.size()));
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

    /** The settings of a sync; what the window will not give as it reads is said once, at start. */
    private SyncSettings runSettings() {
        SyncSettings settings = SyncSettings.from(env, true);
        io.copilotportsync.config.StartupChecks.warnings(settings, java.time.LocalDate.now(java.time.ZoneOffset.UTC))
                .forEach(warning -> LOG.warn("{}", warning));
        return settings;
    }

    private int validate(List<String> args) {
        Map<String, String> options = options("validate", args, java.util.Set.of("--kind", "--sample"));
        if (options.containsKey("--kind") != options.containsKey("--sample")) {
            throw new ConfigurationException("validate: --sample FILE and --kind KIND go together\n" + USAGE);
        }
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
        problems.forEach(problem -> err.println(SecretRedactor.redact(problem)));
        if (!problems.isEmpty()) {
            err.println(problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " in " + settings.mappingFile());
            return CONFIGURATION_ERROR;
        }
        out.println(settings.mappingFile() + " and its blueprints are valid" + (github && !settings.portClientId().isEmpty()
                ? "; GitHub and Port accept the credentials" : ""));
        CatalogNotes.print(github && !settings.portClientId().isEmpty() ? settings : null, settings.mappingFile(), out);
        FieldReport.print(io.copilotportsync.mapping.MappingDefinition.read(settings.mappingFile()),
                options.containsKey("--sample") ? java.nio.file.Path.of(options.get("--sample")) : null, options.get("--kind"), out);
        return OK;
    }

    /** Options of a command, each "--name value"; an unknown one, or one without its value, stops with the usage. */
    private static Map<String, String> options(String command, List<String> args, java.util.Set<String> known) {
        Map<String, String> options = new java.util.HashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            if (!known.contains(args.get(i)) || i + 1 >= args.size()) {
                throw new ConfigurationException(command + ": unknown argument or missing value '" + args.get(i) + "'\n" + USAGE);
            }
            options.put(args.get(i), args.get(i + 1));
        }
        return options;
    }

    private int preview(List<String> args) throws java.io.IOException {
        Map<String, String> options = options("preview", args, java.util.Set.of("--kind", "--input"));
        String kind = options.get("--kind");
        String input = options.get("--input");
        if (kind == null || input == null) {
            throw new ConfigurationException("preview needs --kind KIND and --input FILE (or - for stdin)\n" + USAGE);
        }
        SyncSettings settings = SyncSettings.from(env, false);
        JqDialect jq = new JqDialect(settings.mappingJqEnv(), System.getenv());
        return Preview.run(MappingEngine.load(settings.mappingFile(), jq), kind, input, stdin, out, err);
    }
}
