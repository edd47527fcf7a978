using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Stowage.Api.Quantities;
using Stowage.Kubeconfig;
using Stowage.KubectlVolume.Editing;

namespace Stowage.KubectlVolume.CommandLine;

/// <summary>
/// Parses the command line the way kubectl's flag library (pflag) does, then completes and validates
/// it with oc's rules and messages (openshift/oc pkg/cli/set/volume.go: Complete, Validate).
/// </summary>
internal static partial class VolumeOptionsParser
{
    private static readonly Dictionary<char, string> Shorthands = new()
    {
        ['t'] = "type", ['m'] = "mount-path", ['c'] = "containers", ['n'] = "namespace", ['l'] = "selector",
        ['o'] = "output", ['s'] = "server", ['h'] = "help", ['v'] = "v",
    };

    private static readonly HashSet<string> BoolFlags =
    [
        "add", "remove", "list", "all", "confirm", "overwrite", "read-only", "insecure-skip-tls-verify", "help", "match-server-version",
    ];

    private static readonly HashSet<string> ValueFlags =
    [
        "name", "containers", "type", "mount-path", "sub-path", "default-mode", "path", "configmap-name", "secret-name", "source",
        "claim-name", "claim-size", "claim-mode", "claim-class", "selector", "output", "dry-run",
        "kubeconfig", "context", "cluster", "user", "namespace", "server", "token", "certificate-authority", "client-certificate",
        "client-key", "tls-server-name",
        // kubectl's global flags that mean nothing here; kubectl passes them on, so they are accepted.
        "cache-dir", "request-timeout", "v", "vmodule", "log-flush-frequency",
    ];

    /// <summary>Parses <paramref name="args"/> (everything after <c>kubectl volume</c>).</summary>
    public static ParseResult Parse(IReadOnlyList<string> args)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        var positional = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                positional.AddRange(args.Skip(i + 1));
                break;
            }
            string name, display;
            string? value = null;
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                name = arg[2..];
                var eq = name.IndexOf('=', StringComparison.Ordinal);
                if (eq >= 0)
                {
                    value = name[(eq + 1)..];
                    name = name[..eq];
                }
                display = "--" + name;
                if (!BoolFlags.Contains(name) && !ValueFlags.Contains(name))
                {
                    return ParseResult.Fail($"unknown flag: --{name}");
                }
            }
            else if (arg.Length > 1 && arg[0] == '-')
            {
                if (!Shorthands.TryGetValue(arg[1], out var longName))
                {
                    return ParseResult.Fail($"unknown shorthand flag: '{arg[1]}' in {arg}");
                }
                name = longName;
                display = $"'{arg[1]}' in {arg}";
                if (arg.Length > 2)
                {
                    value = arg[2] == '=' ? arg[3..] : arg[2..];
                }
            }
            else
            {
                positional.Add(arg);
                continue;
            }

            if (BoolFlags.Contains(name))
            {
                value ??= "true";
                if (!TryParseBool(value, out _))
                {
                    return ParseResult.Fail($"invalid argument \"{value}\" for \"{display}\" flag: strconv.ParseBool: parsing \"{value}\": invalid syntax");
                }
            }
            else if (value is null)
            {
                // A bare --dry-run means client and, as in kubectl, never takes the next argument as its value.
                if (name == "dry-run")
                {
                    value = "client";
                }
                else if (i + 1 < args.Count)
                {
                    value = args[++i];
                }
                else
                {
                    return ParseResult.Fail($"flag needs an argument: {display}");
                }
            }
            flags[name] = value;
        }
        if (Flag(flags, "help"))
        {
            return new ParseResult(null, null, true, []);
        }
        return Complete(flags, positional);
    }

    private static ParseResult Complete(Dictionary<string, string> flags, List<string> positional)
    {
        var ops = new[] { "add", "remove", "list" }.Count(f => Flag(flags, f));
        if (ops > 1)
        {
            return ParseResult.Fail("you may only specify one operation at a time");
        }
        var operation = Flag(flags, "add") ? VolumeOperation.Add : Flag(flags, "remove") ? VolumeOperation.Remove : VolumeOperation.List;

        var dryRun = DryRun.None;
        if (flags.TryGetValue("dry-run", out var dry))
        {
            switch (dry)
            {
                case "client" or "true" or "unchanged":
                    dryRun = DryRun.Client;
                    break;
                case "server":
                    dryRun = DryRun.Server;
                    break;
                case "none" or "false":
                    break;
                default:
                    return ParseResult.Fail($"Invalid dry-run value ({dry}). Must be \"none\", \"server\", or \"client\".");
            }
        }
        var output = flags.GetValueOrDefault("output");
        if (output is { Length: 0 })
        {
            output = null;
        }
        if (output is not null and not "json" and not "yaml" and not "name")
        {
            return ParseResult.Fail($"unable to match a printer suitable for the output format \"{output}\", allowed formats are: json,name,yaml");
        }

        var add = new AddVolumeOptions();
        if (operation == VolumeOperation.Add)
        {
            var (completed, error) = CompleteAdd(flags);
            if (error is not null)
            {
                return ParseResult.Fail(error);
            }
            add = completed!;
        }

        var options = new VolumeOptions
        {
            Operation = operation,
            Args = positional,
            All = Flag(flags, "all"),
            Selector = flags.GetValueOrDefault("selector"),
            Name = flags.GetValueOrDefault("name") is { Length: > 0 } n ? n : null,
            Containers = flags.GetValueOrDefault("containers") is { Length: > 0 } c ? c : ContainerSelector.All,
            Confirm = Flag(flags, "confirm"),
            Add = add,
            Output = output,
            DryRun = dryRun,
            Connection = new ConnectionOptions
            {
                Kubeconfig = flags.GetValueOrDefault("kubeconfig"),
                Context = flags.GetValueOrDefault("context"),
                Cluster = flags.GetValueOrDefault("cluster"),
                User = flags.GetValueOrDefault("user"),
                Namespace = flags.GetValueOrDefault("namespace"),
                Server = flags.GetValueOrDefault("server"),
                Token = flags.GetValueOrDefault("token"),
                CertificateAuthority = flags.GetValueOrDefault("certificate-authority"),
                ClientCertificate = flags.GetValueOrDefault("client-certificate"),
                ClientKey = flags.GetValueOrDefault("client-key"),
                InsecureSkipTlsVerify = flags.ContainsKey("insecure-skip-tls-verify") ? Flag(flags, "insecure-skip-tls-verify") : null,
                TlsServerName = flags.GetValueOrDefault("tls-server-name"),
            },
        };
        var invalid = Validate(options, flags);
        if (invalid is not null)
        {
            return ParseResult.Fail(invalid);
        }
        return new ParseResult(options, null, false, []);
    }

    private static (AddVolumeOptions? Add, string? Error) CompleteAdd(Dictionary<string, string> flags)
    {
        var type = flags.GetValueOrDefault("type") ?? "";
        var typeChanged = flags.ContainsKey("type");
        var claimName = flags.GetValueOrDefault("claim-name") ?? "";
        var claimSize = flags.GetValueOrDefault("claim-size") ?? "";
        var secretName = flags.GetValueOrDefault("secret-name") ?? "";
        var configMapName = flags.GetValueOrDefault("configmap-name") ?? "";
        var path = flags.GetValueOrDefault("path") ?? "";
        var source = flags.GetValueOrDefault("source") ?? "";
        var defaultMode = flags.GetValueOrDefault("default-mode") ?? "";
        var claimMode = flags.GetValueOrDefault("claim-mode") ?? "ReadWriteOnce";
        var claimClass = flags.GetValueOrDefault("claim-class");

        // A type's own flag implies the type.
        if (type.Length == 0)
        {
            (type, typeChanged) = true switch
            {
                _ when claimName.Length > 0 || claimSize.Length > 0 => ("persistentvolumeclaim", true),
                _ when secretName.Length > 0 => ("secret", true),
                _ when configMapName.Length > 0 => ("configmap", true),
                _ when path.Length > 0 => ("hostpath", true),
                _ => ("emptydir", typeChanged),
            };
        }
        var lowerType = type.ToLowerInvariant();
        if (lowerType is "configmap" or "secret")
        {
            if (defaultMode.Length == 0)
            {
                defaultMode = "644";
            }
        }
        else if (defaultMode.Length != 0)
        {
            return (null, "--default-mode is only available for secrets and configmaps");
        }
        if (source.Length > 0)
        {
            lowerType = "";
        }
        var createClaim = false;
        if (claimSize.Length > 0)
        {
            createClaim = true;
            if (claimName.Length == 0)
            {
                claimName = NameGenerator.Generate("pvc-");
            }
            if (!Quantity.TryParse(claimSize, out var size, out var error))
            {
                return (null, $"--claim-size is not valid: {error}");
            }
            claimSize = size.WithFormat(size.Format).ToString();
        }
        switch (claimMode.ToLowerInvariant())
        {
            case "readonlymany" or "rom":
                claimMode = "ReadOnlyMany";
                break;
            case "readwriteonce" or "rwo":
                claimMode = "ReadWriteOnce";
                break;
            case "readwritemany" or "rwm":
                claimMode = "ReadWriteMany";
                break;
            case "readwriteoncepod" or "rwop":
                claimMode = "ReadWriteOncePod";
                break;
            case "":
                break;
            default:
                return (null, "--claim-mode must be one of ReadWriteOnce (rwo), ReadWriteMany (rwm), or ReadOnlyMany (rom)");
        }

        // AddVolumeOptions.Validate
        if (typeChanged && source.Length > 0)
        {
            return (null, "either specify --type or --source but not both for --add operation");
        }
        if (lowerType.Length > 0)
        {
            switch (lowerType)
            {
                case "emptydir":
                    break;
                case "hostpath" when path.Length == 0:
                    return (null, "must provide --path for --type=hostPath");
                case "hostpath":
                    break;
                case "secret" when secretName.Length == 0:
                    return (null, "must provide --secret-name for --type=secret");
                case "configmap" when configMapName.Length == 0:
                    return (null, "must provide --configmap-name for --type=configmap");
                case "secret" or "configmap" when !ModePattern().IsMatch(defaultMode):
                    return (null, "--default-mode must be between 0000 and 0777");
                case "secret" or "configmap":
                    break;
                case "persistentvolumeclaim" or "pvc" when claimName.Length == 0 && claimSize.Length == 0:
                    return (null, "must provide --claim-name or --claim-size (to create a new claim) for --type=pvc");
                case "persistentvolumeclaim" or "pvc":
                    break;
                default:
                    return (null, "invalid volume type. Supported types: emptyDir, hostPath, secret, persistentVolumeClaim");
            }
        }
        else if (path.Length > 0 || secretName.Length > 0 || claimName.Length > 0)
        {
            return (null, "--path|--secret-name|--claim-name are only valid for --type option");
        }
        if (source.Length > 0)
        {
            try
            {
                if (JsonNode.Parse(source) is not JsonObject parsed)
                {
                    return (null, "--source must be a JSON object");
                }
                if (parsed.Count > 1)
                {
                    return (null, "must provide only one volume for --source");
                }
            }
            catch (JsonException e)
            {
                return (null, e.Message);
            }
        }
        if (!string.IsNullOrEmpty(claimClass))
        {
            if (lowerType is not ("persistentvolumeclaim" or "pvc"))
            {
                return (null, "must provide --type as persistentVolumeClaim");
            }
            if (claimSize.Length == 0)
            {
                return (null, "must provide --claim-size to create new pvc with claim-class");
            }
        }

        return (new AddVolumeOptions
        {
            Type = lowerType,
            TypeChanged = typeChanged,
            MountPath = flags.GetValueOrDefault("mount-path") ?? "",
            SubPath = flags.GetValueOrDefault("sub-path") ?? "",
            DefaultMode = defaultMode,
            Overwrite = Flag(flags, "overwrite"),
            ReadOnly = Flag(flags, "read-only"),
            Path = path,
            ConfigMapName = configMapName,
            SecretName = secretName,
            Source = source,
            ClaimName = claimName,
            CreateClaim = createClaim,
            ClaimSize = claimSize,
            ClaimMode = claimMode,
            ClaimClass = claimClass,
        }, null);
    }

    private static string? Validate(VolumeOptions options, Dictionary<string, string> flags)
    {
        if (!string.IsNullOrEmpty(options.Selector) && options.All)
        {
            return "you may specify either --selector or --all but not both";
        }
        if (options.Args.Count < 1)
        {
            return "provide one or more resources to add, list, or delete volumes on as TYPE/NAME";
        }
        if (options.Operation == VolumeOperation.List && options.Output is not null)
        {
            return "--list and --output may not be specified together";
        }
        if (options.Operation != VolumeOperation.Add &&
            (new[] { "source", "path", "secret-name", "configmap-name", "claim-name", "default-mode" }.Any(f => flags.GetValueOrDefault(f) is { Length: > 0 })
             || Flag(flags, "overwrite")))
        {
            return "--type|--path|--configmap-name|--secret-name|--claim-name|--source|--default-mode|--overwrite are only valid for --add operation";
        }
        if (options.Operation == VolumeOperation.Remove && options.Name is null && !options.Confirm)
        {
            return "must provide --confirm for removing more than one volume";
        }
        return null;
    }

    private static bool Flag(Dictionary<string, string> flags, string name) =>
        flags.TryGetValue(name, out var v) && TryParseBool(v, out var b) && b;

    /// <summary>Go's strconv.ParseBool.</summary>
    private static bool TryParseBool(string s, out bool value)
    {
        switch (s)
        {
            case "1" or "t" or "T" or "true" or "TRUE" or "True":
                value = true;
                return true;
            case "0" or "f" or "F" or "false" or "FALSE" or "False":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    [GeneratedRegex(@"\b0?[0-7]{3}\b")]
    private static partial Regex ModePattern();
}
