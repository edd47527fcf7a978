using System.Text;

namespace Stowage.Api.Selectors;

/// <summary>
/// Splits a label selector into tokens exactly as Kubernetes' <c>labels.Lexer</c>: whitespace is
/// <c>' ' \t \r \n</c>, the symbols are <c>= ! ( ) , &gt; &lt;</c> (longest operator wins), and every
/// other run of characters is an identifier, <c>in</c> and <c>notin</c> being keywords. A NUL
/// character reads like the end of input, as with Go's byte reader.
/// </summary>
internal sealed class LabelSelectorLexer(string text)
{
    private int _position;

    /// <summary>All tokens, ending with <see cref="LabelTokenKind.EndOfString"/>.</summary>
    internal static List<LabelToken> Scan(string text)
    {
        var lexer = new LabelSelectorLexer(text);
        var tokens = new List<LabelToken>();
        LabelToken token;
        do
        {
            token = lexer.Lex();
            tokens.Add(token);
        }
        while (token.Kind != LabelTokenKind.EndOfString);
        return tokens;
    }

    private LabelToken Lex()
    {
        char ch = SkipWhitespace(Read());
        if (ch == '\0')
        {
            return new LabelToken(LabelTokenKind.EndOfString, "");
        }
        Unread();
        return IsSpecialSymbol(ch) ? ScanSpecialSymbol() : ScanIdentifierOrKeyword();
    }

    private char Read() => _position < text.Length ? text[_position++] : '\0';

    private void Unread() => _position--;

    private char SkipWhitespace(char ch)
    {
        while (IsWhitespace(ch))
        {
            ch = Read();
        }
        return ch;
    }

    private LabelToken ScanIdentifierOrKeyword()
    {
        var buffer = new StringBuilder();
        while (true)
        {
            char ch = Read();
            if (ch == '\0')
            {
                break;
            }
            if (IsSpecialSymbol(ch) || IsWhitespace(ch))
            {
                Unread();
                break;
            }
            buffer.Append(ch);
        }
        string literal = buffer.ToString();
        var kind = literal switch
        {
            "in" => LabelTokenKind.In,
            "notin" => LabelTokenKind.NotIn,
            _ => LabelTokenKind.Identifier,
        };
        return new LabelToken(kind, literal);
    }

    private LabelToken ScanSpecialSymbol()
    {
        LabelToken? last = null;
        var buffer = new StringBuilder();
        while (true)
        {
            char ch = Read();
            if (ch == '\0')
            {
                break;
            }
            if (!IsSpecialSymbol(ch))
            {
                Unread();
                break;
            }
            buffer.Append(ch);
            var kind = SymbolKind(buffer.ToString());
            if (kind is not null)
            {
                last = new LabelToken(kind.Value, buffer.ToString());
            }
            else if (last is not null)
            {
                Unread();
                break;
            }
        }
        return last ?? new LabelToken(LabelTokenKind.Error, $"error expected: keyword found '{buffer}'");
    }

    private static LabelTokenKind? SymbolKind(string symbol) => symbol switch
    {
        ")" => LabelTokenKind.ClosedParenthesis,
        "," => LabelTokenKind.Comma,
        "!" => LabelTokenKind.DoesNotExist,
        "==" => LabelTokenKind.DoubleEquals,
        "=" => LabelTokenKind.Equals,
        ">" => LabelTokenKind.GreaterThan,
        "<" => LabelTokenKind.LessThan,
        "!=" => LabelTokenKind.NotEquals,
        "(" => LabelTokenKind.OpenParenthesis,
        _ => null,
    };

    private static bool IsWhitespace(char ch) => ch is ' ' or '\t' or '\r' or '\n';

    private static bool IsSpecialSymbol(char ch) => ch is '=' or '!' or '(' or ')' or ',' or '>' or '<';
}
