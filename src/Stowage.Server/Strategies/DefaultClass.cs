using Stowage.Api.Storage;

namespace Stowage.Server.Strategies;

/// <summary>Kubernetes' default StorageClass rule: annotated "true"; the newest wins, ties by name.</summary>
public static class DefaultClass
{
    /// <summary>The GA default-class annotation.</summary>
    public const string Annotation = "storageclass.kubernetes.io/is-default-class";

    /// <summary>The beta default-class annotation.</summary>
    public const string BetaAnnotation = "storageclass.beta.kubernetes.io/is-default-class";

    /// <summary>True if the class is marked default.</summary>
    public static bool IsDefault(StorageClass sc) =>
        sc.Metadata.Annotations?.GetValueOrDefault(Annotation) == "true" || sc.Metadata.Annotations?.GetValueOrDefault(BetaAnnotation) == "true";

    /// <summary>The default class among <paramref name="classes"/>, or null.</summary>
    public static StorageClass? Choose(IEnumerable<StorageClass> classes) =>
        classes.Where(IsDefault)
            .OrderByDescending(c => c.Metadata.CreationTimestamp ?? DateTimeOffset.MinValue)
            .ThenBy(c => c.Metadata.Name, StringComparer.Ordinal)
            .FirstOrDefault();
}
