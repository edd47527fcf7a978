namespace Stowage.Server.Printing;

/// <summary>An object to print, with its serialised JSON when the request wants the full object.</summary>
/// <param name="Value">The object.</param>
/// <param name="Json">
/// The object's JSON (UTF-8), including kind and apiVersion, written verbatim as the row's object for
/// <see cref="IncludeObjectPolicy.Object"/>; typically the bytes already read from the datastore, so
/// nothing is serialised twice. May be empty for the other policies.
/// </param>
/// <typeparam name="T">The object type.</typeparam>
public readonly record struct TableItem<T>(T Value, ReadOnlyMemory<byte> Json = default);
