namespace Stowage.Node.Volumes;

/// <summary>
/// hostPath's <c>type</c> check, as kubelet's hostPath plugin does it (the texts are kubelet's):
/// "" checks nothing; DirectoryOrCreate makes a missing directory (0755, parents too);
/// FileOrCreate makes a missing empty file (0644; its parent must exist, as Go's os.OpenFile
/// needs); the others require that type. Symbolic links are followed.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class HostPathCheck
{
    private const int Socket = 0xC000;
    private const int Regular = 0x8000;
    private const int Block = 0x6000;
    private const int Directory = 0x4000;
    private const int Character = 0x2000;

    public static void Check(string path, string? type)
    {
        if (path.Split('/').Contains(".."))
        {
            throw new VolumeSetUpFailure($"invalid HostPath `{path}`: must not contain '..'");
        }
        switch (type ?? "")
        {
            case "":
                return;
            case "DirectoryOrCreate":
                if (VolumeLibc.FileType(path) is null)
                {
                    CreateDirectory(path);
                    return;
                }
                Expect(path, Directory, "directory");
                return;
            case "Directory":
                Expect(path, Directory, "directory");
                return;
            case "FileOrCreate":
                if (VolumeLibc.FileType(path) is null)
                {
                    CreateFile(path);
                    return;
                }
                Expect(path, Regular, "file");
                return;
            case "File":
                Expect(path, Regular, "file");
                return;
            case "Socket":
                Expect(path, Socket, "socket file");
                return;
            case "CharDevice":
                Expect(path, Character, "character device");
                return;
            case "BlockDevice":
                Expect(path, Block, "block device");
                return;
            default:
                throw new VolumeSetUpFailure($"{type} is an invalid volume type");
        }
    }

    private static void Expect(string path, int expected, string description)
    {
        var actual = VolumeLibc.FileType(path) ?? throw new VolumeSetUpFailure($"hostPath {path} doesn't exist");
        if (actual != expected)
        {
            var name = Name(actual)
                ?? throw new VolumeSetUpFailure($"hostPath type check failed, {path} is not a {description}, unable to determine its type: only recognise file, directory, socket, block device and character device");
            throw new VolumeSetUpFailure($"hostPath type check failed: {path} is not a {description}, it's a {name}");
        }
    }

    // hostutil.FileType names.
    private static string? Name(int type) => type switch
    {
        Directory => "Directory",
        Regular => "File",
        Socket => "Socket",
        Character => "CharDevice",
        Block => "BlockDevice",
        _ => null,
    };

    private static void CreateDirectory(string path)
    {
        try
        {
            System.IO.Directory.CreateDirectory(path, (UnixFileMode)0x1ED); // 0755
        }
        catch (IOException e)
        {
            throw new VolumeSetUpFailure($"mkdir {path}: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new VolumeSetUpFailure($"mkdir {path}: permission denied", e);
        }
    }

    private static void CreateFile(string path)
    {
        try
        {
            using var file = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.OpenOrCreate,
                Access = FileAccess.Read,
                UnixCreateMode = (UnixFileMode)0x1A4, // 0644
            });
        }
        catch (DirectoryNotFoundException e)
        {
            throw new VolumeSetUpFailure($"open {path}: no such file or directory", e);
        }
        catch (IOException e)
        {
            throw new VolumeSetUpFailure($"open {path}: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new VolumeSetUpFailure($"open {path}: permission denied", e);
        }
    }
}
