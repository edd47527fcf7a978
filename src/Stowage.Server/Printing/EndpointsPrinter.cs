using System.Globalization;
using System.Text;
using Stowage.Api.Core;

namespace Stowage.Server.Printing;

/// <summary><c>kubectl get ep</c>: NAME ENDPOINTS AGE (printEndpoints).</summary>
public sealed class EndpointsPrinter : TablePrinter<Endpoints>
{
    /// <summary>The shared instance.</summary>
    public static EndpointsPrinter Instance { get; } = new();

    private const int MaxShown = 3;

    private static readonly TableColumnDefinition[] Definitions =
    [
        StandardColumns.Name,
        StandardColumns.String("Endpoints", "The set of all endpoints is the union of all subsets. Addresses are placed into subsets according to the IPs they share. A single address with multiple ports, some of which are ready and some of which are not (because they come from different containers) will result in the address being displayed in different subsets for the different ports. No address will appear in both Addresses and NotReadyAddresses in the same subset. Sets of addresses and ports that comprise a service."),
        StandardColumns.Age,
    ];

    /// <inheritdoc/>
    public override IReadOnlyList<TableColumnDefinition> Columns => Definitions;

    /// <inheritdoc/>
    public override void WriteCells(Endpoints obj, DateTimeOffset now, TableCellWriter cells)
    {
        cells.String(obj.Metadata.Name);
        cells.String(Format(obj.Subsets));
        cells.Age(obj.Metadata.CreationTimestamp, now);
    }

    /// <summary>
    /// Up to three ready "ip:port" pairs (one per address and port, plain IPs for a subset without
    /// ports), then " + N more..." counting every pair; "&lt;none&gt;" without subsets (formatEndpoints).
    /// Not-ready addresses are not shown.
    /// </summary>
    public static string Format(IReadOnlyList<EndpointSubset>? subsets)
    {
        if (subsets is null || subsets.Count == 0)
        {
            return "<none>";
        }
        var list = new StringBuilder();
        var shown = 0;
        var count = 0;
        var more = false;
        foreach (var subset in subsets)
        {
            var addresses = subset.Addresses ?? [];
            if (subset.Ports is not { Count: > 0 } ports)
            {
                // Headless services may have no ports.
                count += addresses.Count;
                foreach (var address in addresses)
                {
                    if (shown == MaxShown)
                    {
                        more = true;
                        break;
                    }
                    Append(list, ref shown, address.Ip);
                }
                continue;
            }
            foreach (var port in ports)
            {
                count += addresses.Count;
                foreach (var address in addresses)
                {
                    if (shown == MaxShown)
                    {
                        more = true;
                        break;
                    }
                    Append(list, ref shown, CellFormat.JoinHostPort(address.Ip, port.Port));
                }
            }
        }
        if (more)
        {
            list.Append(CultureInfo.InvariantCulture, $" + {count - MaxShown} more...");
        }
        return list.ToString();
    }

    private static void Append(StringBuilder list, ref int shown, string item)
    {
        if (shown > 0)
        {
            list.Append(',');
        }
        list.Append(item);
        shown++;
    }
}
