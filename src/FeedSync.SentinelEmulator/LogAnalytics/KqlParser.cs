using System.Globalization;
using System.Text;

namespace FeedSync.SentinelEmulator.LogAnalytics;

/// <summary>
/// Parses the small part of KQL the emulator evaluates: <c>_GetWatchlist('alias')</c>, <c>Watchlist</c> or
/// <c>Usage</c>, followed by any of <c>| where col == 'x'</c> (also <c>!=</c>, <c>=~</c>, <c>!~</c>, joined by
/// <c>and</c>), <c>| project a, b</c>, <c>| count</c> and <c>| take N</c> (or <c>limit N</c>). Line comments are ignored.
/// </summary>
internal static class KqlParser
{
    public const string SupportedForms =
        "The emulator evaluates _GetWatchlist('alias'), Watchlist or Usage, optionally followed by "
        + "'| where Column == \"value\"' (also !=, =~, !~, joined by 'and'), '| project A, B', '| count' and '| take N'.";

    private static readonly string[] ComparisonOperators = ["==", "!=", "=~", "!~"];

    public static (KqlQuery? Query, KqlError? Error) Parse(string text)
    {
        var (stages, splitError) = SplitStages(StripComments(text));
        if (splitError is not null)
        {
            return (null, splitError);
        }

        var (source, sourceError) = ParseSource(stages[0]);
        if (sourceError is not null)
        {
            return (null, sourceError);
        }

        var operators = new List<KqlOperator>();
        foreach (var stage in stages.Skip(1))
        {
            var (parsed, error) = ParseOperator(stage);
            if (error is not null)
            {
                return (null, error);
            }

            operators.Add(parsed!);
        }

        return (new KqlQuery(source!, operators), null);
    }

    private static string StripComments(string text)
    {
        var builder = new StringBuilder();
        foreach (var line in text.Split('\n'))
        {
            var commentAt = FindOutsideQuotes(line, "//");
            builder.Append(commentAt < 0 ? line : line[..commentAt]).Append(' ');
        }

        return builder.ToString();
    }

    private static (List<string> Stages, KqlError? Error) SplitStages(string text)
    {
        var stages = new List<string>();
        var start = 0;
        char? quote = null;
        for (var index = 0; index < text.Length; index++)
        {
            var character = text[index];
            if (quote is not null)
            {
                if (character == '\\')
                {
                    index++;
                }
                else if (character == quote)
                {
                    quote = null;
                }
            }
            else if (character is '\'' or '"')
            {
                quote = character;
            }
            else if (character == '|')
            {
                stages.Add(text[start..index].Trim());
                start = index + 1;
            }
        }

        if (quote is not null)
        {
            return (stages, new KqlError("SyntaxError", "A string literal in the query is never closed."));
        }

        stages.Add(text[start..].Trim());
        if (stages.Any(stage => stage.Length == 0))
        {
            return (stages, new KqlError("SyntaxError", "The query is empty or has an empty step between pipes."));
        }

        return (stages, null);
    }

    private static (KqlSource? Source, KqlError? Error) ParseSource(string stage)
    {
        var tokens = Tokenize(stage);
        if (tokens.Count == 1 && tokens[0].Kind == TokenKind.Identifier && tokens[0].Text is "Watchlist" or "Usage")
        {
            return (new KqlTableSource(tokens[0].Text), null);
        }

        if (tokens.Count == 4 && tokens[0].Text == "_GetWatchlist" && tokens[1].Text == "(" && tokens[2].Kind == TokenKind.String && tokens[3].Text == ")")
        {
            return (new KqlGetWatchlistSource(tokens[2].Text), null);
        }

        return (null, new KqlError("UnsupportedQuery", $"The emulator cannot evaluate the query source '{stage}'. {SupportedForms}"));
    }

    private static (KqlOperator? Operator, KqlError? Error) ParseOperator(string stage)
    {
        var tokens = Tokenize(stage);
        var name = tokens[0].Text;
        return name switch
        {
            "where" => ParseWhere(tokens, stage),
            "project" => ParseProject(tokens, stage),
            "count" when tokens.Count == 1 => (new KqlCount(), null),
            "take" or "limit" when tokens.Count == 2 && tokens[1].Kind == TokenKind.Number
                && int.TryParse(tokens[1].Text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) => (new KqlTake(count), null),
            _ => (null, Unsupported(stage)),
        };
    }

    private static (KqlOperator?, KqlError?) ParseWhere(List<Token> tokens, string stage)
    {
        var conditions = new List<KqlComparison>();
        var index = 1;
        while (true)
        {
            if (index + 2 >= tokens.Count)
            {
                return (null, Unsupported(stage));
            }

            var column = tokens[index];
            var comparison = tokens[index + 1];
            var literal = tokens[index + 2];
            if (column.Kind != TokenKind.Identifier || !ComparisonOperators.Contains(comparison.Text) || !TryLiteral(literal, out var value))
            {
                return (null, Unsupported(stage));
            }

            conditions.Add(new KqlComparison(column.Text, comparison.Text, value));
            index += 3;
            if (index == tokens.Count)
            {
                return (new KqlWhere(conditions), null);
            }

            if (tokens[index].Text != "and")
            {
                return (null, Unsupported(stage));
            }

            index++;
        }
    }

    private static (KqlOperator?, KqlError?) ParseProject(List<Token> tokens, string stage)
    {
        var columns = new List<string>();
        for (var index = 1; index < tokens.Count; index += 2)
        {
            var separatorOk = index + 1 == tokens.Count || tokens[index + 1].Text == ",";
            if (tokens[index].Kind != TokenKind.Identifier || !separatorOk)
            {
                return (null, Unsupported(stage));
            }

            columns.Add(tokens[index].Text);
        }

        return columns.Count == 0 ? (null, Unsupported(stage)) : (new KqlProject(columns), null);
    }

    private static bool TryLiteral(Token token, out object value)
    {
        switch (token.Kind)
        {
            case TokenKind.String:
                value = token.Text;
                return true;
            case TokenKind.Number:
                value = long.Parse(token.Text, CultureInfo.InvariantCulture);
                return true;
            case TokenKind.Identifier when token.Text is "true" or "false":
                value = token.Text == "true";
                return true;
            default:
                value = "";
                return false;
        }
    }

    private static KqlError Unsupported(string stage) =>
        new("UnsupportedQuery", $"The emulator cannot evaluate '| {stage}'. {SupportedForms}");

    private static int FindOutsideQuotes(string text, string value)
    {
        char? quote = null;
        for (var index = 0; index < text.Length; index++)
        {
            var character = text[index];
            if (quote is not null)
            {
                quote = character == quote ? null : quote;
                index += character == '\\' ? 1 : 0;
            }
            else if (character is '\'' or '"')
            {
                quote = character;
            }
            else if (string.CompareOrdinal(text, index, value, 0, value.Length) == 0)
            {
                return index;
            }
        }

        return -1;
    }

    private static List<Token> Tokenize(string stage)
    {
        var tokens = new List<Token>();
        var index = 0;
        while (index < stage.Length)
        {
            var character = stage[index];
            if (char.IsWhiteSpace(character))
            {
                index++;
            }
            else if (character is '\'' or '"')
            {
                index = ReadString(stage, index, tokens);
            }
            else if (char.IsLetter(character) || character == '_')
            {
                var start = index;
                while (index < stage.Length && (char.IsLetterOrDigit(stage[index]) || stage[index] is '_' or '-'))
                {
                    index++;
                }

                tokens.Add(new Token(TokenKind.Identifier, stage[start..index]));
            }
            else if (char.IsDigit(character))
            {
                var start = index;
                while (index < stage.Length && char.IsDigit(stage[index]))
                {
                    index++;
                }

                tokens.Add(new Token(TokenKind.Number, stage[start..index]));
            }
            else if (index + 1 < stage.Length && ComparisonOperators.Contains(stage.Substring(index, 2)))
            {
                tokens.Add(new Token(TokenKind.Symbol, stage.Substring(index, 2)));
                index += 2;
            }
            else
            {
                tokens.Add(new Token(TokenKind.Symbol, character.ToString()));
                index++;
            }
        }

        return tokens;
    }

    private static int ReadString(string stage, int index, List<Token> tokens)
    {
        var quote = stage[index];
        var builder = new StringBuilder();
        index++;
        while (index < stage.Length && stage[index] != quote)
        {
            if (stage[index] == '\\' && index + 1 < stage.Length)
            {
                index++;
            }

            builder.Append(stage[index]);
            index++;
        }

        tokens.Add(new Token(TokenKind.String, builder.ToString()));
        return index + 1;
    }

    private enum TokenKind
    {
        Identifier,
        String,
        Number,
        Symbol,
    }

    private sealed record Token(TokenKind Kind, string Text);
}
