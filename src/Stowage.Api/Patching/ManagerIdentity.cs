using System.Text;

namespace Stowage.Api.Patching;

/// <summary>
/// Who owns a field set, as kube-apiserver keys managers (BuildManagerIdentifier): manager name,
/// operation, subresource, and the API version for Update entries only — an applier keeps one entry
/// whatever version it applies in.
/// </summary>
internal sealed record ManagerIdentity(string Manager, ManagedFieldsOperation Operation, string? ApiVersion, string? Subresource)
{
    public static ManagerIdentity Of(ManagedFieldsEntry entry) => For(entry.Manager, entry.Operation, entry.ApiVersion, entry.Subresource);

    public static ManagerIdentity For(string manager, ManagedFieldsOperation operation, string apiVersion, string? subresource) =>
        new(manager, operation, operation == ManagedFieldsOperation.Update ? apiVersion : null, string.IsNullOrEmpty(subresource) ? null : subresource);

    /// <summary>The JSON Kubernetes uses as the identity; conflict messages group managers in its order.</summary>
    public string Key
    {
        get
        {
            var sb = new StringBuilder("{\"manager\":");
            JsonValues.WriteGoString(sb, Manager);
            sb.Append(",\"operation\":\"").Append(Operation).Append('"');
            if (!string.IsNullOrEmpty(ApiVersion))
            {
                sb.Append(",\"apiVersion\":");
                JsonValues.WriteGoString(sb, ApiVersion);
            }

            if (Subresource is not null)
            {
                sb.Append(",\"subresource\":");
                JsonValues.WriteGoString(sb, Subresource);
            }

            return sb.Append('}').ToString();
        }
    }

    /// <summary>
    /// The manager as conflict messages print it (printManager): <c>"kubectl"</c> for an applier,
    /// <c>"kubectl-client-side-apply" using v1</c> for an updater, with <c> with subresource "status"</c>.
    /// </summary>
    public string Display
    {
        get
        {
            var text = PathElement.ValueToString(Manager);
            if (Subresource is not null)
            {
                text += " with subresource " + PathElement.ValueToString(Subresource);
            }

            return Operation == ManagedFieldsOperation.Update ? $"{text} using {ApiVersion}" : text;
        }
    }
}
