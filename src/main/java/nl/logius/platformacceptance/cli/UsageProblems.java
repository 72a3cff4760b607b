package nl.logius.platformacceptance.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Says what is wrong with a command line the way every input problem is said:
 * {@code where: what is wrong; expected what}, with the argument as the "where":
 * <pre>
 * --knelpnt: unknown option of 'run'; expected one of --area, --inject, --knelpunt, ... (did you mean --knelpunt?)
 * --retry-broken abc: not a whole number; expected --retry-broken N
 * </pre>
 */
final class UsageProblems {

    private UsageProblems() {
    }

    static String describe(CommandLine.ParameterException error) {
        CommandSpec command = error.getCommandLine().getCommandSpec();
        String name = "'" + command.qualifiedName().replaceFirst("^platform-acceptance ?", "") + "'";
        if (error instanceof CommandLine.UnmatchedArgumentException unmatched) {
            return unmatched(unmatched, command, name);
        }
        if (error instanceof CommandLine.MissingParameterException missing) {
            String arguments = missing.getMissing().stream().map(UsageProblems::label).collect(Collectors.joining(", "));
            return arguments + ": no value given; expected " + missing.getMissing().stream().map(UsageProblems::usage)
                    .collect(Collectors.joining(" and "));
        }
        if (error instanceof CommandLine.OverwrittenOptionException overwritten) {
            return label(overwritten.getOverwritten()) + ": given more than once; expected it once (a list is comma-separated: "
                    + "--knelpunt KP-FO-01,KP-NET-01)";
        }
        ArgSpec argument = error.getArgSpec();
        if (argument != null && error.getValue() != null) {
            return label(argument) + " " + error.getValue() + ": " + conversionProblem(argument) + "; expected " + usage(argument);
        }
        if (command.subcommands().size() > 0 && command.parent() == null) {
            return "platform-acceptance: " + error.getMessage() + "; expected one of "
                    + String.join(", ", command.subcommands().keySet());
        }
        return name + ": " + error.getMessage() + "; expected the usage shown by --help";
    }

    private static String unmatched(CommandLine.UnmatchedArgumentException error, CommandSpec command, String name) {
        List<String> arguments = error.getUnmatched();
        String first = arguments.isEmpty() ? "" : arguments.get(0);
        List<String> suggestions = error.getSuggestions();
        String didYouMean = suggestions.isEmpty() ? "" : " (did you mean " + String.join(" or ", suggestions) + "?)";
        if (first.startsWith("-")) {
            String options = command.options().stream().map(OptionSpec::longestName).sorted().collect(Collectors.joining(", "));
            return first + ": unknown option of " + name + "; expected one of " + options + didYouMean;
        }
        if (command.parent() == null && !command.subcommands().isEmpty()) {
            return first + ": unknown command; expected one of " + String.join(", ", command.subcommands().keySet()) + didYouMean;
        }
        return first + ": unexpected argument to " + name + "; expected only options (" + name + " takes no positional arguments)"
                + didYouMean;
    }

    private static String conversionProblem(ArgSpec argument) {
        Class<?> type = argument.type();
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "not a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "not a number";
        }
        return "not a valid " + argument.paramLabel();
    }

    private static String label(ArgSpec argument) {
        return argument instanceof OptionSpec option ? option.longestName() : argument.paramLabel();
    }

    private static String usage(ArgSpec argument) {
        return argument instanceof OptionSpec option ? option.longestName() + " " + option.paramLabel() : argument.paramLabel();
    }
}
