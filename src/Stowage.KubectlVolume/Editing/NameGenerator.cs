namespace Stowage.KubectlVolume.Editing;

/// <summary>Kubernetes' SimpleNameGenerator: a prefix and five random characters from its alphabet.</summary>
internal static class NameGenerator
{
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>A generated name, e.g. <c>volume-x7k2q</c>.</summary>
    public static string Generate(string prefix) =>
        prefix + new string(Enumerable.Range(0, 5).Select(_ => Alphabet[Random.Shared.Next(Alphabet.Length)]).ToArray());
}
