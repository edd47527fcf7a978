using Stowage.Node.Containers;
using Stowage.Node.Images;

namespace Stowage.Node.Tests.Containers;

public sealed class ContainerProcessTests
{
    private static readonly ImageRecord Image = new("docker.io/library/app:1", "/nowhere", ["/entry", "--flag"], ["cmd-arg"], ["PATH=/image/bin", "A=image"], "/image");

    public static TheoryData<string[]?, string[]?, string[]> Cases => new()
    {
        // Neither: the image's Entrypoint + Cmd.
        { null, null, ["/entry", "--flag", "cmd-arg"] },
        { [], [], ["/entry", "--flag", "cmd-arg"] },
        // command replaces the Entrypoint and drops the Cmd.
        { ["/bin/other"], null, ["/bin/other"] },
        // args alone replaces the Cmd after the Entrypoint.
        { null, ["x", "y"], ["/entry", "--flag", "x", "y"] },
        // both: command then args; the image contributes nothing.
        { ["/bin/other"], ["x"], ["/bin/other", "x"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Command_and_args_follow_Kubernetes_rules_against_the_images_Entrypoint_and_Cmd(string[]? command, string[]? args, string[] expected)
    {
        Assert.Equal(expected, ContainerProcess.Args(command, args, Image));
    }

    [Fact]
    public void No_command_anywhere_is_a_clear_start_error()
    {
        var bare = Image with { Entrypoint = [], Cmd = [] };

        var error = Assert.Throws<ContainerStartException>(() => ContainerProcess.Args(null, null, bare));

        Assert.Contains("no command specified", error.Message, StringComparison.Ordinal);
        Assert.Equal(["/bin/x"], ContainerProcess.Args(null, ["/bin/x"], bare));
    }

    [Fact]
    public void Environment_layers_default_PATH_image_env_container_env_and_HOSTNAME_with_later_values_winning()
    {
        var env = ContainerProcess.Env(Image, [new("A", "container"), new("B", "b")], "web-0");

        Assert.Equal(["PATH=/image/bin", "A=container", "B=b", "HOSTNAME=web-0"], env);
        Assert.Equal(["PATH=" + ContainerProcess.DefaultPath, "HOSTNAME=h"], ContainerProcess.Env(Image with { Env = [] }, [], "h"));
    }

    [Fact]
    public void Working_directory_is_the_containers_else_the_images_else_root()
    {
        Assert.Equal("/c", ContainerProcess.WorkingDir("/c", Image));
        Assert.Equal("/image", ContainerProcess.WorkingDir(null, Image));
        Assert.Equal("/", ContainerProcess.WorkingDir(null, Image with { WorkingDir = null }));
    }

    [Fact]
    public void Runcs_wrapping_is_taken_off_its_start_error()
    {
        Assert.Equal("exec: \"nosuch\": executable file not found in $PATH",
            ContainerBundle.TrimRuncPrefixes("runc run failed: unable to start container process: exec: \"nosuch\": executable file not found in $PATH"));
    }
}
