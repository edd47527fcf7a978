using Stowage.Api.Quantities;

namespace Stowage.Api.Validation;

/// <summary>
/// Resource names and quantities of containers and nodes (validateContainerResourceName,
/// ValidateResourceQuantityValue, validateResourceRequirements and the helper predicates behind
/// them). Maps are visited in ordinal key order, where Go's order is random.
/// </summary>
internal static class ResourceRules
{
    private const string NotIntegerMessage = "must be an integer";

    private static readonly HashSet<string> StandardContainerResources = new(StringComparer.Ordinal) { "cpu", "memory", "ephemeral-storage" };

    private static readonly HashSet<string> StandardResources = new(StringComparer.Ordinal)
    {
        "cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory", "requests.ephemeral-storage",
        "limits.cpu", "limits.memory", "limits.ephemeral-storage", "pods", "services", "replicationcontrollers",
        "resourcequotas", "secrets", "configmaps", "persistentvolumeclaims", "storage", "requests.storage",
        "services.nodeports", "services.loadbalancers",
    };

    private static readonly HashSet<string> IntegerResources = new(StringComparer.Ordinal)
    {
        "pods", "services", "replicationcontrollers", "resourcequotas", "secrets", "configmaps",
        "persistentvolumeclaims", "services.nodeports", "services.loadbalancers",
    };

    /// <summary>Names without a '/' or in the kubernetes.io domain.</summary>
    public static bool IsNative(string name) =>
        !name.Contains('/', StringComparison.Ordinal) || name.Contains("kubernetes.io/", StringComparison.Ordinal);

    public static bool IsHugePages(string name) => name.StartsWith("hugepages-", StringComparison.Ordinal);

    /// <summary>A vendor resource such as example.com/gpu.</summary>
    public static bool IsExtended(string name) =>
        !IsNative(name) && !name.StartsWith("requests.", StringComparison.Ordinal)
        && ValidationPrimitives.IsQualifiedName("requests." + name).Count == 0;

    /// <summary>Requests may be below limits only for native resources other than huge pages.</summary>
    public static bool IsOvercommitAllowed(string name) => IsNative(name) && !IsHugePages(name);

    /// <summary>validateContainerResourceName.</summary>
    public static IEnumerable<FieldError> ContainerResourceName(string name, FieldPath path)
    {
        var qualified = ValidationPrimitives.IsQualifiedName(name);
        if (qualified.Count > 0)
        {
            return qualified.Select(m => FieldErrors.Invalid(path, name, m));
        }
        if (!name.Contains('/', StringComparison.Ordinal))
        {
            if (!StandardResources.Contains(name) && !IsHugePages(name))
            {
                return [FieldErrors.Invalid(path, name, "must be a standard resource type or fully qualified")];
            }
            if (!StandardContainerResources.Contains(name) && !IsHugePages(name))
            {
                return [FieldErrors.Invalid(path, name, "must be a standard resource for containers")];
            }
        }
        else if (!IsNative(name) && !IsExtended(name))
        {
            return [FieldErrors.Invalid(path, name, "doesn't follow extended resource name standard")];
        }
        return [];
    }

    /// <summary>ValidateResourceQuantityValue: not negative, and whole for countable resources.</summary>
    public static IEnumerable<FieldError> QuantityValue(string name, Quantity value, FieldPath path)
    {
        foreach (var e in QuantityRules.Nonnegative(value, path))
        {
            yield return e;
        }
        if ((IntegerResources.Contains(name) || IsExtended(name)) && value.MilliValue % 1000 != 0)
        {
            yield return FieldErrors.Invalid(path, value.ToString(), NotIntegerMessage) with { QuoteBadValue = false };
        }
    }

    /// <summary>validateResourceRequirements for a container (or the pod-level resources, or overhead).</summary>
    public static IEnumerable<FieldError> Requirements(
        IReadOnlyDictionary<string, Quantity>? limits, IReadOnlyDictionary<string, Quantity>? requests, FieldPath path)
    {
        var limPath = path.Child("limits");
        var reqPath = path.Child("requests");
        limits ??= new Dictionary<string, Quantity>();
        requests ??= new Dictionary<string, Quantity>();
        bool limCpuOrMemory = false, reqCpuOrMemory = false, hugePages = false;
        foreach (var (name, q) in limits.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var p = limPath.Key(name);
            foreach (var e in ContainerResourceName(name, p).Concat(QuantityValue(name, q, p)))
            {
                yield return e;
            }
            hugePages |= IsHugePages(name);
            limCpuOrMemory |= name is "cpu" or "memory";
        }
        foreach (var (name, q) in requests.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var p = reqPath.Key(name);
            foreach (var e in ContainerResourceName(name, p).Concat(QuantityValue(name, q, p)))
            {
                yield return e;
            }
            if (limits.TryGetValue(name, out var limit))
            {
                if (q.CompareTo(limit) != 0 && !IsOvercommitAllowed(name))
                {
                    yield return FieldErrors.Invalid(reqPath, q.ToString(), $"must be equal to {name} limit of {limit}");
                }
                else if (q.CompareTo(limit) > 0)
                {
                    yield return FieldErrors.Invalid(reqPath, q.ToString(), $"must be less than or equal to {name} limit of {limit}");
                }
            }
            else if (!IsOvercommitAllowed(name))
            {
                yield return FieldErrors.Required(limPath, "Limit must be set for non overcommitable resources");
            }
            hugePages |= IsHugePages(name);
            reqCpuOrMemory |= name is "cpu" or "memory";
        }
        if (!limCpuOrMemory && !reqCpuOrMemory && hugePages)
        {
            yield return FieldErrors.Forbidden(path, "HugePages require cpu or memory");
        }
    }
}
