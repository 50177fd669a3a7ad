package org.residentregistry.replay;

import java.io.IOException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.residentregistry.core.codes.InvalidValueException;
import org.residentregistry.core.codes.MunicipalityCode;
import org.residentregistry.core.codes.ResidentCode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * The replay tools: the registry's records and histories read from its event store directly, read-only, for
 * auditors and operators who must not depend on the read models the server maintains (issue 7).
 */
@Command(name = "replay-tools", mixinStandardHelpOptions = true, versionProvider = ReplayTools.ManifestVersion.class,
        description = "Reads the registry's event store directly and read-only: records as the file held them at an"
                + " instant, histories, exports for an external audit, a check of the read models the server serves, and"
                + " the verification of the provision log's chain.",
        subcommands = {ReconstructCommand.class, HistoryCommand.class, ExportCommand.class, CheckProjectionsCommand.class,
                VerifyLogCommand.class, CommandLine.HelpCommand.class})
public final class ReplayTools implements Runnable {

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line as {@link #main} runs it: converters, exit codes and error reporting set up. */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new ReplayTools())
                .registerConverter(ResidentCode.class, checked(ResidentCode::of))
                .registerConverter(MunicipalityCode.class, checked(MunicipalityCode::of))
                .setExecutionExceptionHandler((e, command, parseResult) -> report(e, command));
        Map<String, String> exitCodes = new LinkedHashMap<>();
        for (ExitCode code : ExitCode.values()) {
            exitCodes.put(String.valueOf(code.code), code.meaning);
        }
        listExitCodes(commandLine, exitCodes);
        return commandLine;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Name a command.");
    }

    private static void listExitCodes(CommandLine command, Map<String, String> exitCodes) {
        command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(exitCodes);
        command.getSubcommands().values().forEach(sub -> listExitCodes(sub, exitCodes));
    }

    private static <T> ITypeConverter<T> checked(ITypeConverter<T> parse) {
        return text -> {
            try {
                return parse.convert(text);
            } catch (InvalidValueException e) {
                throw new TypeConversionException(e.getMessage());
            }
        };
    }

    /** Failures as one line on standard error, with the exit code a script can act on; a stack trace only for bugs. */
    private static int report(Exception e, CommandLine command) {
        ExitCode code;
        String message;
        if (e instanceof SQLException sql) {
            code = ExitCode.DATABASE;
            message = "Database error (SQLState " + sql.getSQLState() + "): " + sql.getMessage();
        } else if (e instanceof UnreadableEventException) {
            code = ExitCode.UNREADABLE_EVENT;
            message = e.getMessage();
        } else if (e instanceof IOException) {
            code = ExitCode.OUTPUT;
            message = "Could not write the output: " + e;
        } else {
            code = ExitCode.FAILURE;
            message = "Unexpected error: " + e;
            e.printStackTrace(command.getErr());
        }
        command.getErr().println(message);
        return code.code;
    }

    /** The version in the jar's manifest. */
    static final class ManifestVersion implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = ReplayTools.class.getPackage().getImplementationVersion();
            return new String[] {"replay-tools " + (version == null ? "(development build)" : version)};
        }
    }
}
