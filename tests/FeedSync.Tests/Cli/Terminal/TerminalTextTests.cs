using FeedSync.Cli.Terminal;

namespace FeedSync.Tests.Cli.Terminal;

[TestFixture]
internal sealed class TerminalTextTests
{
    [TestCase("a\u001b[2Jb", @"a\x1b[2Jb")]
    [TestCase("\u001b]0;pwned\u0007", @"\x1b]0;pwned\x07")]
    [TestCase("nul\u0000", @"nul\x00")]
    [TestCase("one\r\nForged: line", @"one\r\nForged: line")]
    [TestCase("tab\there", @"tab\there")]
    [TestCase("del\u007f", @"del\x7f")]
    [TestCase("csi\u009b31m", @"csi\x9b31m")]
    [TestCase("win.rtl\u202Egnp.exe", @"win.rtl\u202Egnp.exe")]
    [TestCase("isolate\u2066x\u2069", @"isolate\u2066x\u2069")]
    [TestCase("mark\u200F", @"mark\u200F")]
    [TestCase("line\u2028separator", @"line\u2028separator")]
    [TestCase("bom\uFEFF", @"bom\uFEFF")]
    public void Escape_UnsafeCharacter_IsEscaped(string text, string expected)
    {
        // Act
        var escaped = TerminalText.Escape(text);

        // Assert
        Assert.That(escaped, Is.EqualTo(expected));
    }

    [TestCase("124.198.132.98:2414")]
    [TestCase("bücher.example")]
    [TestCase("例え.テスト")]
    [TestCase("win.unicode-é中文😀")]
    [TestCase("[red]markup[/] stays text")]
    [TestCase(@"C:\feeds\x1b.json")]
    public void Escape_PrintableText_IsUnchanged(string text)
    {
        // Act
        var escaped = TerminalText.Escape(text);

        // Assert
        Assert.That(escaped, Is.SameAs(text));
    }

    [Test]
    public void Escape_LoneSurrogate_IsEscaped()
    {
        // Arrange: built in code, because attribute arguments cannot carry an unpaired surrogate.
        var text = "lone" + '\uD800' + "end";

        // Act
        var escaped = TerminalText.Escape(text);

        // Assert
        Assert.That(escaped, Is.EqualTo(@"lone\uD800end"));
    }

    [Test]
    public void Escape_Null_ReturnsEmpty()
    {
        // Act
        var escaped = TerminalText.Escape(null);

        // Assert
        Assert.That(escaped, Is.Empty);
    }

    [Test]
    public void Format_Values_EscapedButLiteralsNot()
    {
        // Arrange
        var family = "Remcos\r\nForged: line";

        // Act
        var text = TerminalText.Format($"Family:\t{family}\n");

        // Assert
        Assert.That(text, Is.EqualTo("Family:\tRemcos\\r\\nForged: line\n"));
    }

    [Test]
    public void Format_Alignment_PadsEscapedValue()
    {
        // Arrange
        var name = "a\u001b";

        // Act
        var text = TerminalText.Format($"[{name,-8}][{42,5}]");

        // Assert
        Assert.That(text, Is.EqualTo(@"[a\x1b   ][   42]"));
    }

    [Test]
    public void Format_FormatString_AppliesInvariantCulture()
    {
        // Arrange
        var time = new DateTime(2026, 5, 27, 14, 4, 0, DateTimeKind.Utc);
        var share = 0.5;

        // Act
        var text = TerminalText.Format($"{time:yyyy-MM-dd'T'HH:mm:ss'Z'} {share:0.0}");

        // Assert
        Assert.That(text, Is.EqualTo("2026-05-27T14:04:00Z 0.5"));
    }
}
