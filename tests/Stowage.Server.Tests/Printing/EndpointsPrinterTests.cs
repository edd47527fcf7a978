using Stowage.Api.Core;
using Stowage.Api.Meta;
using Stowage.Server.Printing;
using static Stowage.Server.Tests.Printing.Fixtures;

namespace Stowage.Server.Tests.Printing;

public sealed class EndpointsPrinterTests
{
    private static EndpointAddress[] Addresses(params string[] ips) => [.. ips.Select(ip => new EndpointAddress { Ip = ip })];

    private static EndpointPort[] Ports(params int[] ports) => [.. ports.Select(port => new EndpointPort { Port = port })];

    [Fact]
    public void Prints_glusterfs_servers_as_ip_port_pairs()
    {
        var ep = new Endpoints
        {
            Metadata = new ObjectMeta { Name = "glusterfs-cluster", CreationTimestamp = Ago(2) },
            Subsets = [new EndpointSubset { Addresses = Addresses("10.240.106.152", "10.240.79.157"), Ports = Ports(1) }],
        };
        AssertCells("""["glusterfs-cluster","10.240.106.152:1,10.240.79.157:1","2m"]""", EndpointsPrinter.Instance.Cells(ep, Now));
        Assert.Equal(["Name", "Endpoints", "Age"], EndpointsPrinter.Instance.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Prints_none_without_subsets()
    {
        Assert.Equal("<none>", EndpointsPrinter.Format(null));
        Assert.Equal("<none>", EndpointsPrinter.Format([]));
    }

    [Fact]
    public void Shows_three_endpoints_then_counts_the_rest() =>
        Assert.Equal(
            "10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 2 more...",
            EndpointsPrinter.Format([new EndpointSubset { Addresses = Addresses("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"), Ports = Ports(80) }]));

    [Fact]
    public void Pairs_every_port_with_every_address_port_by_port() =>
        Assert.Equal(
            "10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...",
            EndpointsPrinter.Format([new EndpointSubset { Addresses = Addresses("10.0.0.1", "10.0.0.2"), Ports = Ports(80, 443) }]));

    [Fact]
    public void Counts_across_subsets() =>
        Assert.Equal(
            "10.0.0.1:80,10.0.0.2:80,10.0.1.1:8080 + 1 more...",
            EndpointsPrinter.Format(
            [
                new EndpointSubset { Addresses = Addresses("10.0.0.1", "10.0.0.2"), Ports = Ports(80) },
                new EndpointSubset { Addresses = Addresses("10.0.1.1", "10.0.1.2"), Ports = Ports(8080) },
            ]));

    [Fact]
    public void Prints_bare_ips_for_a_headless_subset_without_ports() =>
        Assert.Equal("10.0.0.1,10.0.0.2", EndpointsPrinter.Format([new EndpointSubset { Addresses = Addresses("10.0.0.1", "10.0.0.2") }]));

    [Fact]
    public void Brackets_ipv6_addresses() =>
        Assert.Equal("[fd00::1]:80", EndpointsPrinter.Format([new EndpointSubset { Addresses = Addresses("fd00::1"), Ports = Ports(80) }]));

    [Fact]
    public void Leaves_not_ready_addresses_out() =>
        Assert.Equal("", EndpointsPrinter.Format([new EndpointSubset { NotReadyAddresses = Addresses("10.0.0.9"), Ports = Ports(80) }]));
}
