namespace Stowage.Server.Resources;

/// <summary>A parsed field selector: the fields it reads and the predicate over a field getter.</summary>
/// <param name="Text">The selector as given.</param>
/// <param name="Fields">The field names it uses (each must be selectable for the kind).</param>
/// <param name="Matches">The predicate.</param>
public sealed record FieldFilter(string Text, IReadOnlyList<string> Fields, Func<Func<string, string?>, bool> Matches);
