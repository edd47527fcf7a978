using System.Text;
using Stowage.Api;
using Stowage.Api.Core;
using Stowage.Server.Resources;
using Stowage.Storage;

namespace Stowage.Server.Tests.Resources;

public class RecentDecodingsTests
{
    private static readonly ObjectCodec<PersistentVolume> Volumes = new(ApiJsonContext.Default.PersistentVolume, "v1", "PersistentVolume");

    private static KeyValue Pair(string name, string phase, long revision) =>
        new("/registry/persistentvolumes/" + name, Encoding.UTF8.GetBytes($$$"""{"metadata":{"name":"{{{name}}}"},"status":{"phase":"{{{phase}}}"}}"""), 1, revision);

    [Fact]
    public void A_pair_read_again_by_key_and_revision_is_decoded_once()
    {
        var recent = new RecentDecodings<PersistentVolume>(Volumes);

        var first = recent.Decode(Pair("pv1", "Available", 7));
        var again = recent.Decode(Pair("pv1", "Available", 7)); // another read of the same stored value

        Assert.Same(first, again);
        Assert.Equal("7", again.Metadata.ResourceVersion);
    }

    [Fact]
    public void Another_revision_or_another_key_is_decoded_from_its_own_bytes()
    {
        var recent = new RecentDecodings<PersistentVolume>(Volumes);
        recent.Decode(Pair("pv1", "Available", 7));

        var later = recent.Decode(Pair("pv1", "Bound", 8));
        var sameSlot = recent.Decode(Pair("pv2", "Released", 7 + 512)); // the slot of revision 7 again
        var otherKey = recent.Decode(Pair("pv3", "Failed", 7));

        Assert.Equal(("Bound", "8"), (later.Status!.Phase, later.Metadata.ResourceVersion));
        Assert.Equal("Released", sameSlot.Status!.Phase);
        Assert.Equal(("pv3", "Failed"), (otherKey.Metadata.Name, otherKey.Status!.Phase));
        Assert.Equal("Available", recent.Decode(Pair("pv1", "Available", 7)).Status!.Phase);
    }
}
