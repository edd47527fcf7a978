using Stowage.KubectlVolume.CommandLine;

namespace Stowage.KubectlVolume;

/// <summary>Turns the positional arguments into targets, with kubectl's resource builder rules and messages.</summary>
internal static class TargetResolver
{
    /// <summary>Resolves TYPE/NAME... or TYPE[,TYPE] [NAME...]; notes collect what stderr should mention.</summary>
    public static (IReadOnlyList<Target> Targets, string? Error) Resolve(VolumeOptions options, List<string> notes)
    {
        var targets = new List<Target>();
        var args = options.Args;
        if (args.Any(a => a.Contains('/', StringComparison.Ordinal)))
        {
            if (!args.All(a => a.Contains('/', StringComparison.Ordinal)))
            {
                return ([], "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'");
            }
            foreach (var arg in args)
            {
                var slash = arg.IndexOf('/', StringComparison.Ordinal);
                var (type, name) = (arg[..slash], arg[(slash + 1)..]);
                if (name.Length == 0)
                {
                    return ([], $"arguments in resource/name form must have a single resource and name");
                }
                var kind = Find(type, notes);
                if (kind is null)
                {
                    return ([], $"the server doesn't have a resource type \"{type}\"");
                }
                targets.Add(new Target(kind, name));
            }
            return (targets, null);
        }

        var names = args.Skip(1).ToList();
        if (names.Count > 0 && !string.IsNullOrEmpty(options.Selector))
        {
            return ([], "name cannot be provided when a selector is specified");
        }
        if (names.Count == 0 && !options.All && string.IsNullOrEmpty(options.Selector))
        {
            return ([], "resource(s) were provided, but no name was specified");
        }
        foreach (var type in args[0].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var kind = Find(type, notes);
            if (kind is null)
            {
                return ([], $"the server doesn't have a resource type \"{type}\"");
            }
            if (names.Count == 0)
            {
                targets.Add(new Target(kind, null));
            }
            targets.AddRange(names.Select(n => new Target(kind, n)));
        }
        return (targets, null);
    }

    private static ResourceKind? Find(string type, List<string> notes)
    {
        var kind = ResourceKinds.Find(type, out var note);
        if (note is not null && !notes.Contains(note))
        {
            notes.Add(note);
        }
        return kind;
    }
}
