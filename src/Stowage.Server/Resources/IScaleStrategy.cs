namespace Stowage.Server.Resources;

/// <summary>A strategy whose kind serves the scale subresource (autoscaling/v1 Scale).</summary>
/// <typeparam name="T">The record type.</typeparam>
public interface IScaleStrategy<T>
{
    /// <summary>spec.replicas.</summary>
    int DesiredReplicas(T obj);

    /// <summary>status.replicas.</summary>
    int CurrentReplicas(T obj);

    /// <summary>The pod selector in its string form (Scale status.selector).</summary>
    string Selector(T obj);

    /// <summary>The object with spec.replicas set.</summary>
    T WithReplicas(T obj, int replicas);
}
