namespace Stowage.Server.Resources;

/// <summary>Serves one kind of subresource request (see <see cref="SubresourceDefinition"/>).</summary>
public interface ISubresourceHandler
{
    /// <summary>Answers the request; failures are thrown as ApiException and leave as a Status.</summary>
    Task HandleAsync(SubresourceRequest request);
}
