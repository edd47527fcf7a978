namespace Stowage.Server.Resources;

/// <summary>A parsed label selector applied to objects' labels.</summary>
/// <param name="Text">The selector as given.</param>
/// <param name="Matches">The predicate.</param>
public sealed record LabelFilter(string Text, Func<IReadOnlyDictionary<string, string>?, bool> Matches);
