using Stowage.Api.Validation;

namespace Stowage.Api.Selectors;

/// <summary>
/// Parses the label selector query syntax of <c>?labelSelector=</c> exactly as Kubernetes'
/// <c>labels.Parse</c>, with its error texts.
/// </summary>
/// <remarks>
/// <code>
/// selector     ::= requirement | requirement "," selector
/// requirement  ::= [!] KEY [ set-based | exact ]
/// set-based    ::= ("in" | "notin") "(" VALUE ( "," VALUE )* ")"
/// exact        ::= ( "=" | "==" | "!=" | "&gt;" | "&lt;" ) VALUE
/// </code>
/// A bare key means Exists, <c>!key</c> DoesNotExist. Whitespace between tokens is ignored; empty
/// values are allowed (<c>x=</c>, <c>x in ()</c>, <c>x in (a,)</c>). Keys must be qualified names
/// and values label values. Requirements come back sorted by key, set values sorted and distinct.
/// </remarks>
public static class LabelSelectorParser
{
    private const string BinaryOperators = "in, notin, =, ==, !=, gt, lt";

    // Kubernetes validates the key against a nil field path, which prints as "<nil>".
    private const string NilPath = "<nil>";

    /// <summary>Parses a selector; on failure <paramref name="error"/> holds Kubernetes' message.</summary>
    public static bool TryParse(string? text, out Selector selector, out string? error)
    {
        var state = new ParseState(LabelSelectorLexer.Scan(text ?? ""));
        var requirements = new List<LabelRequirement>();
        selector = Selector.Everything;
        error = null;
        while (true)
        {
            var next = state.Lookahead(inValues: true);
            switch (next.Kind)
            {
                case LabelTokenKind.Identifier or LabelTokenKind.DoesNotExist:
                    if (!TryParseRequirement(state, out var requirement, out error))
                    {
                        error = "unable to parse requirement: " + error;
                        return false;
                    }
                    requirements.Add(requirement!);
                    var after = state.Consume(inValues: true);
                    switch (after.Kind)
                    {
                        case LabelTokenKind.EndOfString:
                            selector = Selector.FromRequirements(requirements);
                            return true;
                        case LabelTokenKind.Comma:
                            var following = state.Lookahead(inValues: true);
                            if (following.Kind is not (LabelTokenKind.Identifier or LabelTokenKind.DoesNotExist))
                            {
                                error = $"found '{following.Literal}', expected: identifier after ','";
                                return false;
                            }
                            break;
                        default:
                            error = $"found '{after.Literal}', expected: ',' or 'end of string'";
                            return false;
                    }
                    break;
                case LabelTokenKind.EndOfString:
                    selector = Selector.FromRequirements(requirements);
                    return true;
                default:
                    error = $"found '{next.Literal}', expected: !, identifier, or 'end of string'";
                    return false;
            }
        }
    }

    /// <summary>Parses a selector; throws <see cref="FormatException"/> with Kubernetes' message.</summary>
    public static Selector Parse(string text) =>
        TryParse(text, out var selector, out var error) ? selector : throw new FormatException(error);

    private static bool TryParseRequirement(ParseState state, out LabelRequirement? requirement, out string? error)
    {
        requirement = null;
        if (!TryParseKeyAndInferOperator(state, out string key, out var op, out error))
        {
            return false;
        }
        if (op is SelectionOperator.Exists or SelectionOperator.DoesNotExist)
        {
            return Create(key, op.Value, [], out requirement, out error);
        }
        if (!TryParseOperator(state, out var binary, out error))
        {
            return false;
        }
        SortedSet<string>? values;
        bool parsed = binary is SelectionOperator.In or SelectionOperator.NotIn
            ? TryParseValues(state, out values, out error)
            : TryParseExactValue(state, out values, out error);
        return parsed && Create(key, binary, values!, out requirement, out error);
    }

    private static bool Create(string key, SelectionOperator op, IEnumerable<string> values, out LabelRequirement? requirement, out string? error)
    {
        bool created = LabelRequirement.TryCreate(key, op, values, out requirement, out var errors);
        error = created ? null : FieldError.Join(errors);
        return created;
    }

    private static bool TryParseKeyAndInferOperator(ParseState state, out string key, out SelectionOperator? op, out string? error)
    {
        key = "";
        op = null;
        error = null;
        var token = state.Consume(inValues: true);
        if (token.Kind == LabelTokenKind.DoesNotExist)
        {
            op = SelectionOperator.DoesNotExist;
            token = state.Consume(inValues: true);
        }
        if (token.Kind != LabelTokenKind.Identifier)
        {
            error = $"found '{token.Literal}', expected: identifier";
            return false;
        }
        var keyMessages = NameValidation.IsQualifiedName(token.Literal);
        if (keyMessages.Count > 0)
        {
            error = FieldError.Invalid(NilPath, token.Literal, string.Join("; ", keyMessages)).ToString();
            return false;
        }
        key = token.Literal;
        if (state.Lookahead(inValues: true).Kind is LabelTokenKind.EndOfString or LabelTokenKind.Comma
            && op != SelectionOperator.DoesNotExist)
        {
            op = SelectionOperator.Exists;
        }
        return true;
    }

    private static bool TryParseOperator(ParseState state, out SelectionOperator op, out string? error)
    {
        error = null;
        var token = state.Consume(inValues: false);
        SelectionOperator? parsed = token.Kind switch
        {
            LabelTokenKind.In => SelectionOperator.In,
            LabelTokenKind.Equals => SelectionOperator.Equal,
            LabelTokenKind.DoubleEquals => SelectionOperator.DoubleEqual,
            LabelTokenKind.GreaterThan => SelectionOperator.GreaterThan,
            LabelTokenKind.LessThan => SelectionOperator.LessThan,
            LabelTokenKind.NotIn => SelectionOperator.NotIn,
            LabelTokenKind.NotEquals => SelectionOperator.NotEqual,
            _ => null,
        };
        op = parsed ?? default;
        if (parsed is null)
        {
            error = $"found '{token.Literal}', expected: {BinaryOperators}";
            return false;
        }
        return true;
    }

    // "(" values ")" for in and notin.
    private static bool TryParseValues(ParseState state, out SortedSet<string>? values, out string? error)
    {
        values = null;
        error = null;
        var open = state.Consume(inValues: true);
        if (open.Kind != LabelTokenKind.OpenParenthesis)
        {
            error = $"found '{open.Literal}' expected: '('";
            return false;
        }
        var next = state.Lookahead(inValues: true);
        switch (next.Kind)
        {
            case LabelTokenKind.Identifier or LabelTokenKind.Comma:
                if (!TryParseIdentifierList(state, out values, out error))
                {
                    return false;
                }
                if (state.Consume(inValues: true).Kind != LabelTokenKind.ClosedParenthesis)
                {
                    // Kubernetes reports the token that opened the list here.
                    error = $"found '{next.Literal}', expected: ')'";
                    return false;
                }
                return true;
            case LabelTokenKind.ClosedParenthesis:
                state.Consume(inValues: true);
                values = NewSet("");
                return true;
            default:
                error = $"found '{next.Literal}', expected: ',', ')' or identifier";
                return false;
        }
    }

    // A possibly empty list of possibly empty identifiers: "a,b", ",a", "a,", "a,,b".
    private static bool TryParseIdentifierList(ParseState state, out SortedSet<string>? values, out string? error)
    {
        values = NewSet();
        error = null;
        while (true)
        {
            var token = state.Consume(inValues: true);
            switch (token.Kind)
            {
                case LabelTokenKind.Identifier:
                    values.Add(token.Literal);
                    var after = state.Lookahead(inValues: true);
                    switch (after.Kind)
                    {
                        case LabelTokenKind.Comma:
                            continue;
                        case LabelTokenKind.ClosedParenthesis:
                            return true;
                        default:
                            error = $"found '{after.Literal}', expected: ',' or ')'";
                            values = null;
                            return false;
                    }
                case LabelTokenKind.Comma:
                    if (values.Count == 0)
                    {
                        values.Add("");
                    }
                    var following = state.Lookahead(inValues: true).Kind;
                    if (following == LabelTokenKind.ClosedParenthesis)
                    {
                        values.Add("");
                        return true;
                    }
                    if (following == LabelTokenKind.Comma)
                    {
                        values.Add("");
                    }
                    break;
                default:
                    error = $"found '{token.Literal}', expected: ',', or identifier";
                    return false;
            }
        }
    }

    // The single value after =, ==, !=, > or <; nothing before "," or the end is the empty value.
    private static bool TryParseExactValue(ParseState state, out SortedSet<string>? values, out string? error)
    {
        values = null;
        error = null;
        if (state.Lookahead(inValues: true).Kind is LabelTokenKind.EndOfString or LabelTokenKind.Comma)
        {
            values = NewSet("");
            return true;
        }
        var token = state.Consume(inValues: true);
        if (token.Kind == LabelTokenKind.Identifier)
        {
            values = NewSet(token.Literal);
            return true;
        }
        error = $"found '{token.Literal}', expected: identifier";
        return false;
    }

    private static SortedSet<string> NewSet(params string[] values) => new(values, StringComparer.Ordinal);

    /// <summary>The scanned tokens and the parser's position in them.</summary>
    private sealed class ParseState(List<LabelToken> tokens)
    {
        private int _position;

        /// <summary>The next token, without consuming it.</summary>
        internal LabelToken Lookahead(bool inValues) => Adjust(tokens[Math.Min(_position, tokens.Count - 1)], inValues);

        /// <summary>The next token, consumed.</summary>
        internal LabelToken Consume(bool inValues)
        {
            var token = Lookahead(inValues);
            _position++;
            return token;
        }

        // Where values are expected, the keywords "in" and "notin" are plain identifiers.
        private static LabelToken Adjust(LabelToken token, bool inValues) =>
            inValues && token.Kind is LabelTokenKind.In or LabelTokenKind.NotIn
                ? token with { Kind = LabelTokenKind.Identifier }
                : token;
    }
}
