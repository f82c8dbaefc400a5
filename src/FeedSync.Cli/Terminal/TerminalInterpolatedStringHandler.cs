using System.Globalization;
using System.Runtime.CompilerServices;

namespace FeedSync.Cli.Terminal;

/// <summary>
/// Builds the text of <see cref="TerminalText.Format"/>: literal parts unchanged, each interpolated value formatted
/// with the invariant culture, escaped by <see cref="TerminalText.Escape"/>, then aligned.
/// </summary>
[InterpolatedStringHandler]
internal ref struct TerminalInterpolatedStringHandler
{
    private DefaultInterpolatedStringHandler inner;

    public TerminalInterpolatedStringHandler(int literalLength, int formattedCount)
    {
        inner = new DefaultInterpolatedStringHandler(literalLength, formattedCount, CultureInfo.InvariantCulture);
    }

    public void AppendLiteral(string value) => inner.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => AppendFormatted(value, alignment: 0, format: null);

    public void AppendFormatted<T>(T value, string? format) => AppendFormatted(value, alignment: 0, format);

    public void AppendFormatted<T>(T value, int alignment) => AppendFormatted(value, alignment, format: null);

    public void AppendFormatted<T>(T value, int alignment, string? format)
    {
        var text = value is IFormattable formattable
            ? formattable.ToString(format, CultureInfo.InvariantCulture)
            : value?.ToString();
        inner.AppendFormatted(TerminalText.Escape(text), alignment);
    }

    public string ToStringAndClear() => inner.ToStringAndClear();
}
