using Stowage.Api.Meta;

namespace Stowage.Controllers.GarbageCollection;

/// <summary>
/// The garbage collector's index of the cluster (its "graph builder", in small): which object has
/// which uid, and which objects name each uid as an owner. Kept current from informer events;
/// thread-safe. Owners need not exist: a dependent of a vanished owner is how garbage is found.
/// </summary>
public sealed class OwnerGraph
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Node> _byUid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<Node>> _dependents = new(StringComparer.Ordinal);
    private readonly Dictionary<Node, IReadOnlyList<OwnerReference>> _owners = [];

    /// <summary>Records an object's current owner references.</summary>
    public void Upsert(Node node, string uid, IReadOnlyList<OwnerReference>? owners)
    {
        lock (_lock)
        {
            _byUid[uid] = node;
            RemoveOwners(node);
            var refs = owners ?? [];
            _owners[node] = refs;
            foreach (var r in refs)
            {
                if (!_dependents.TryGetValue(r.Uid, out var set))
                {
                    _dependents[r.Uid] = set = [];
                }
                set.Add(node);
            }
        }
    }

    /// <summary>Forgets an object.</summary>
    public void Remove(Node node, string uid)
    {
        lock (_lock)
        {
            if (_byUid.TryGetValue(uid, out var current) && current == node)
            {
                _byUid.Remove(uid);
            }
            RemoveOwners(node);
        }
    }

    /// <summary>The object with a uid, if known.</summary>
    public Node? Find(string uid)
    {
        lock (_lock)
        {
            return _byUid.GetValueOrDefault(uid);
        }
    }

    /// <summary>The objects that name <paramref name="ownerUid"/> as an owner, with the reference.</summary>
    public IReadOnlyList<(Node Node, OwnerReference Reference)> Dependents(string ownerUid)
    {
        lock (_lock)
        {
            if (!_dependents.TryGetValue(ownerUid, out var set))
            {
                return [];
            }
            return set.Select(n => (n, _owners[n].First(r => r.Uid == ownerUid))).ToList();
        }
    }

    private void RemoveOwners(Node node)
    {
        if (_owners.Remove(node, out var old))
        {
            foreach (var r in old)
            {
                if (_dependents.TryGetValue(r.Uid, out var set))
                {
                    set.Remove(node);
                    if (set.Count == 0)
                    {
                        _dependents.Remove(r.Uid);
                    }
                }
            }
        }
    }

    /// <summary>An object: its kind (index into the collector's kinds) and cache key.</summary>
    /// <param name="Kind">Index of the kind.</param>
    /// <param name="Key">namespace/name or name.</param>
    public readonly record struct Node(int Kind, string Key);
}
