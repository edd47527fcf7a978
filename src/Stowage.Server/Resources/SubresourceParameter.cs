namespace Stowage.Server.Resources;

/// <summary>A query parameter of a subresource.</summary>
/// <param name="Name">The parameter name.</param>
/// <param name="Type">Its OpenAPI type: string, boolean or integer.</param>
/// <param name="Description">What it does.</param>
public sealed record SubresourceParameter(string Name, string Type, string Description);
