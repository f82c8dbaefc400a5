using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace FeedSync.Tests.Hunting;

/// <summary>Parses a Markdown document with Markdig (CommonMark with the GitHub extensions) for structural checks.</summary>
internal sealed class MarkdownProbe
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public MarkdownProbe(string markdown)
    {
        Document = Markdown.Parse(markdown, Pipeline);
        Html = Markdown.ToHtml(markdown, Pipeline);
    }

    public MarkdownDocument Document { get; }

    public string Html { get; }

    public IReadOnlyList<HeadingBlock> Headings => [.. Document.Descendants<HeadingBlock>()];

    public IReadOnlyList<Table> Tables => [.. Document.Descendants<Table>()];

    public IReadOnlyList<FencedCodeBlock> CodeBlocks => [.. Document.Descendants<FencedCodeBlock>()];

    /// <summary>Gets the links, autolinks, raw HTML and emphasis, none of which a rule document writes itself.</summary>
    public IReadOnlyList<MarkdownObject> Markup =>
    [
        .. Document.Descendants<LinkInline>(),
        .. Document.Descendants<AutolinkInline>(),
        .. Document.Descendants<HtmlInline>(),
        .. Document.Descendants<HtmlBlock>(),
        .. Document.Descendants<EmphasisInline>(),
    ];

    public static string TextOf(HeadingBlock heading) => InlineText(heading.Inline);

    public static string CodeOf(FencedCodeBlock block) => block.Lines.ToString();

    /// <summary>Returns the text of a table cell as a reader sees it: literals and code spans, escapes removed.</summary>
    public static string CellText(TableCell cell) =>
        string.Concat(cell.Descendants<ParagraphBlock>().Select(paragraph => InlineText(paragraph.Inline)));

    private static string InlineText(ContainerInline? inline) =>
        inline is null ? string.Empty : string.Concat(inline.Descendants<Inline>().Select(each => each switch
        {
            LiteralInline literal => literal.Content.ToString(),
            CodeInline code => code.Content,
            _ => string.Empty,
        }));
}
