using Stowage.KubectlVolume.CommandLine;

namespace Stowage.KubectlVolume.Tests;

public sealed class VolumeOptionsParserTests
{
    private static ParseResult Parse(string line) => VolumeOptionsParser.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static VolumeOptions Ok(string line) => Parse(line).Options ?? throw new Xunit.Sdk.XunitException(Parse(line).Error);

    [Fact]
    public void The_seed_command_line_is_an_overwrite_with_a_claim()
    {
        var o = Ok("dc/docker-registry --add --name=registry-storage -t pvc --claim-name=docker-registry-claim --overwrite");
        Assert.Equal(VolumeOperation.Add, o.Operation);
        Assert.Equal(["dc/docker-registry"], o.Args);
        Assert.Equal("registry-storage", o.Name);
        Assert.Equal("pvc", o.Add.Type);
        Assert.True(o.Add.TypeChanged);
        Assert.True(o.Add.Overwrite);
        Assert.False(o.Add.CreateClaim);
        Assert.Equal("docker-registry-claim", o.Add.ClaimName);
        Assert.Equal("", o.Add.MountPath);
    }

    [Fact]
    public void Listing_is_the_default_and_takes_kubectls_connection_flags()
    {
        var o = Ok("deployments/docker-registry --all -n registry --kubeconfig /k --context=ctx --cache-dir /c -v=6");
        Assert.Equal(VolumeOperation.List, o.Operation);
        Assert.True(o.All);
        Assert.Equal("registry", o.Connection.Namespace);
        Assert.Equal("/k", o.Connection.Kubeconfig);
        Assert.Equal("ctx", o.Connection.Context);
    }

    [Fact]
    public void A_claim_size_creates_a_claim_with_a_generated_name_and_a_canonical_size()
    {
        var o = Ok("rc/web --add --claim-size=1024Mi --claim-mode=rwm -m /data");
        Assert.Equal("persistentvolumeclaim", o.Add.Type);
        Assert.True(o.Add.CreateClaim);
        Assert.Equal("1Gi", o.Add.ClaimSize);
        Assert.Equal("ReadWriteMany", o.Add.ClaimMode);
        Assert.Matches("^pvc-[bcdfghjklmnpqrstvwxz2456789]{5}$", o.Add.ClaimName);
    }

    [Theory]
    [InlineData("--secret-name=s", "secret")]
    [InlineData("--configmap-name=c", "configmap")]
    [InlineData("--path=/srv", "hostpath")]
    [InlineData("-m /x", "emptydir")]
    public void A_types_own_flag_implies_the_type(string flags, string type) => Assert.Equal(type, Ok("deploy/x --add " + flags).Add.Type);

    [Theory]
    [InlineData("deploy/x --add --remove", "you may only specify one operation at a time")]
    [InlineData("--add", "provide one or more resources to add, list, or delete volumes on as TYPE/NAME")]
    [InlineData("deploy/x --remove", "must provide --confirm for removing more than one volume")]
    [InlineData("deploy/x --overwrite", "--type|--path|--configmap-name|--secret-name|--claim-name|--source|--default-mode|--overwrite are only valid for --add operation")]
    [InlineData("deploy/x --remove --name=v --claim-name=c", "--type|--path|--configmap-name|--secret-name|--claim-name|--source|--default-mode|--overwrite are only valid for --add operation")]
    [InlineData("deploy/x --add -t hostPath", "must provide --path for --type=hostPath")]
    [InlineData("deploy/x --add -t secret", "must provide --secret-name for --type=secret")]
    [InlineData("deploy/x --add -t configmap", "must provide --configmap-name for --type=configmap")]
    [InlineData("deploy/x --add -t pvc", "must provide --claim-name or --claim-size (to create a new claim) for --type=pvc")]
    [InlineData("deploy/x --add -t nfs", "invalid volume type. Supported types: emptyDir, hostPath, secret, persistentVolumeClaim")]
    [InlineData("deploy/x --add -t emptyDir --default-mode=644", "--default-mode is only available for secrets and configmaps")]
    [InlineData("deploy/x --add --secret-name=s --default-mode=999", "--default-mode must be between 0000 and 0777")]
    [InlineData("deploy/x --add -t pvc --claim-name=c --claim-class=fast", "must provide --claim-size to create new pvc with claim-class")]
    [InlineData("deploy/x --add -t emptydir --source={}", "either specify --type or --source but not both for --add operation")]
    [InlineData("deploy/x --add --claim-name=c --claim-mode=rw", "--claim-mode must be one of ReadWriteOnce (rwo), ReadWriteMany (rwm), or ReadOnlyMany (rom)")]
    [InlineData("deploy/x --all -l app=x", "you may specify either --selector or --all but not both")]
    [InlineData("deploy/x -o yaml", "--list and --output may not be specified together")]
    [InlineData("deploy/x --add -o wide", "unable to match a printer suitable for the output format \"wide\", allowed formats are: json,name,yaml")]
    [InlineData("deploy/x --dry-run=maybe", "Invalid dry-run value (maybe). Must be \"none\", \"server\", or \"client\".")]
    [InlineData("deploy/x --bogus", "unknown flag: --bogus")]
    [InlineData("deploy/x -z", "unknown shorthand flag: 'z' in -z")]
    [InlineData("deploy/x --name", "flag needs an argument: --name")]
    [InlineData("deploy/x --add=maybe", "invalid argument \"maybe\" for \"--add\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax")]
    public void Invalid_command_lines_fail_with_ocs_messages(string line, string error) => Assert.Equal(error, Parse(line).Error);

    [Fact]
    public void A_bare_dry_run_means_client()
    {
        var o = Ok("deploy/x --add --dry-run -o yaml");
        Assert.Equal(DryRun.Client, o.DryRun);
        Assert.Equal("yaml", o.Output);
        Assert.Equal(["deploy/x"], o.Args);
    }

    [Fact]
    public void Help_is_help() => Assert.True(Parse("-h").Help);
}
