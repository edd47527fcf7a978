using Stowage.Api.Meta;

namespace Stowage.Server.Resources;

/// <summary>One page of a list.</summary>
/// <param name="Items">The objects.</param>
/// <param name="ResourceVersion">The revision the list is consistent at.</param>
/// <param name="Continue">Token for the next page, if any.</param>
/// <param name="RemainingItemCount">Items after this page, when known.</param>
/// <param name="Stored">The stored pairs of <paramref name="Items"/>, one for one, when the items are exactly what is stored.</param>
public sealed record ListPage(IReadOnlyList<IApiObject> Items, long ResourceVersion, string? Continue, long? RemainingItemCount, IReadOnlyList<Stowage.Storage.KeyValue>? Stored = null);
