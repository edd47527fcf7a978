namespace Stowage.Server.Resources;

/// <summary>A store that reads other resources during admission, wired once the catalog exists.</summary>
public interface IAdmissionAware
{
    /// <summary>The catalog.</summary>
    ResourceCatalog? Catalog { get; set; }
}
