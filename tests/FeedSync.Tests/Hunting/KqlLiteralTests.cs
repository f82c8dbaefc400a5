using FeedSync.Hunting;

namespace FeedSync.Tests.Hunting;

[TestFixture]
internal sealed class KqlLiteralTests
{
    [TestCase("win.remcos", "'win.remcos'")]
    [TestCase("", "''")]
    [TestCase("it's", @"'it\'s'")]
    [TestCase("say \"hi\"", "'say \"hi\"'")]
    [TestCase(@"C:\Windows\Temp\", @"'C:\\Windows\\Temp\\'")]
    [TestCase(@"\'", @"'\\\''")]
    [TestCase("a\nb", @"'a\nb'")]
    [TestCase("a\r\nb", @"'a\r\nb'")]
    [TestCase("a\tb", @"'a\tb'")]
    [TestCase("a\0b", @"'a\u0000b'")]
    [TestCase("\u0001\u001f\u007f", @"'\u0001\u001f\u007f'")]
    [TestCase("x // comment", "'x // comment'")]
    [TestCase("x | take 1", "'x | take 1'")]
    [TestCase("é", @"'\u00e9'")]
    [TestCase("\u202eexe.txt", @"'\u202eexe.txt'")]
    [TestCase("\u2028", @"'\u2028'")]
    [TestCase("😀", @"'\ud83d\ude00'")]
    public void Quote_Value_EscapesAsExpected(string value, string expected)
    {
        // Act
        var literal = KqlLiteral.Quote(value);

        // Assert
        Assert.That(literal, Is.EqualTo(expected));
    }

    [Test]
    public void Quote_LoneSurrogate_EscapesCodeUnit()
    {
        // Act
        var literal = KqlLiteral.Quote("a\ud800b");

        // Assert
        Assert.That(literal, Is.EqualTo(@"'a\ud800b'"));
    }

    [Test]
    public void Quote_EveryUtf16Unit_IsPrintableAscii()
    {
        // Arrange
        var everyUnit = new string([.. Enumerable.Range(0, 0x10000).Select(unit => (char)unit)]);

        // Act
        var literal = KqlLiteral.Quote(everyUnit);

        // Assert
        Assert.That(literal.All(character => character is >= ' ' and <= '~'), Is.True);
    }

    [Test]
    public void Quote_EveryUtf16Unit_StaysInsideQuotes()
    {
        // Arrange
        var everyUnit = new string([.. Enumerable.Range(0, 0x10000).Select(unit => (char)unit)]);

        // Act
        var inner = KqlLiteral.Quote(everyUnit)[1..^1];

        // Assert
        Assert.That(UnescapedQuotes(inner), Is.Zero);
    }

    [Test]
    public void DynamicArray_Values_QuotesEach()
    {
        // Act
        var literal = KqlLiteral.DynamicArray(["a'b", "c"]);

        // Assert
        Assert.That(literal, Is.EqualTo(@"dynamic(['a\'b', 'c'])"));
    }

    [Test]
    public void DynamicArray_Empty_IsEmptyArray()
    {
        // Act
        var literal = KqlLiteral.DynamicArray([]);

        // Assert
        Assert.That(literal, Is.EqualTo("dynamic([])"));
    }

    [Test]
    public void List_Values_IsParenthesised()
    {
        // Act
        var literal = KqlLiteral.List(["schtasks.exe", "x')"]);

        // Assert
        Assert.That(literal, Is.EqualTo(@"('schtasks.exe', 'x\')')"));
    }

    private static int UnescapedQuotes(string inner)
    {
        var count = 0;
        for (var index = 0; index < inner.Length; index++)
        {
            if (inner[index] == '\\')
            {
                index++;
            }
            else if (inner[index] == '\'')
            {
                count++;
            }
        }

        return count;
    }
}
