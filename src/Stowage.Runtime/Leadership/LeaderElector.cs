using Microsoft.Extensions.Logging;
using Stowage.Api.Coordination;
using Stowage.Api.Meta;
using Stowage.Runtime.Client;

namespace Stowage.Runtime.Leadership;

/// <summary>Timings of leader election (client-go's defaults: 15 s lease, 10 s renew deadline, 2 s retry).</summary>
/// <param name="LeaseDuration">How long a lease is valid without renewal.</param>
/// <param name="RenewDeadline">How long the leader keeps trying to renew before it steps down.</param>
/// <param name="RetryPeriod">How often candidates try and the leader renews.</param>
public sealed record LeaderElectionTimings(TimeSpan LeaseDuration, TimeSpan RenewDeadline, TimeSpan RetryPeriod)
{
    /// <summary>client-go's defaults.</summary>
    public static LeaderElectionTimings Default { get; } = new(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2));
}

/// <summary>
/// Leader election through a coordination.k8s.io Lease: at most one holder runs the controllers.
/// Acquiring and renewing are compare-and-swap updates of the Lease, so two candidates can never
/// both succeed; a leader that cannot renew within the deadline stops its work before the lease can
/// expire for others.
/// </summary>
public sealed partial class LeaderElector
{
    private readonly ApiClient _client;
    private readonly string _namespace;
    private readonly string _name;
    private readonly string _identity;
    private readonly LeaderElectionTimings _timings;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;

    /// <summary>Creates an elector for the lease <paramref name="ns"/>/<paramref name="name"/>.</summary>
    public LeaderElector(ApiClient client, string ns, string name, string identity, LeaderElectionTimings timings, TimeProvider clock, ILogger logger)
    {
        _client = client;
        _namespace = ns;
        _name = name;
        _identity = identity;
        _timings = timings;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>True while this candidate holds the lease.</summary>
    public bool IsLeader { get; private set; }

    /// <summary>
    /// Campaigns until cancelled. Whenever leadership is won, runs <paramref name="lead"/> with a token
    /// that is cancelled when leadership is lost; then campaigns again.
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, Task> lead, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!await TryAcquireOrRenewAsync(cancellationToken).ConfigureAwait(false))
            {
                await DelayAsync(_timings.RetryPeriod, cancellationToken).ConfigureAwait(false);
                continue;
            }
            IsLeader = true;
            LogAcquired(_logger, _identity, _namespace, _name);
            using var leading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var work = lead(leading.Token);
            var lastRenew = _clock.GetUtcNow();
            while (!cancellationToken.IsCancellationRequested && !work.IsCompleted)
            {
                await DelayAsync(_timings.RetryPeriod, cancellationToken).ConfigureAwait(false);
                if (await TryAcquireOrRenewAsync(cancellationToken).ConfigureAwait(false))
                {
                    lastRenew = _clock.GetUtcNow();
                }
                else if (_clock.GetUtcNow() - lastRenew > _timings.RenewDeadline)
                {
                    break;
                }
            }
            IsLeader = false;
            await leading.CancelAsync().ConfigureAwait(false);
            try
            {
                await work.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
            if (cancellationToken.IsCancellationRequested)
            {
                await ReleaseAsync().ConfigureAwait(false);
            }
            LogLost(_logger, _identity, _namespace, _name);
        }
    }

    /// <summary>Gives the lease up on shutdown so another candidate need not wait for it to expire.</summary>
    private async Task ReleaseAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            var lease = await _client.GetAsync(ResourceTypes.Leases, _namespace, _name, timeout.Token).ConfigureAwait(false);
            if (lease?.Spec?.HolderIdentity == _identity)
            {
                await _client.UpdateAsync(ResourceTypes.Leases, lease with { Spec = lease.Spec with { HolderIdentity = null } }, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is ApiClientException or HttpRequestException or IOException or OperationCanceledException)
        {
            LogElectionFailed(_logger, _namespace, _name, e);
        }
    }

    private async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        try
        {
            var lease = await _client.GetAsync(ResourceTypes.Leases, _namespace, _name, cancellationToken).ConfigureAwait(false);
            if (lease is null)
            {
                await _client.CreateAsync(ResourceTypes.Leases, new Lease
                {
                    Metadata = new ObjectMeta { Name = _name, Namespace = _namespace },
                    Spec = new LeaseSpec
                    {
                        HolderIdentity = _identity,
                        LeaseDurationSeconds = (int)_timings.LeaseDuration.TotalSeconds,
                        AcquireTime = new MicroTime(now),
                        RenewTime = new MicroTime(now),
                        LeaseTransitions = 0,
                    },
                }, cancellationToken).ConfigureAwait(false);
                return true;
            }
            var spec = lease.Spec ?? new LeaseSpec();
            var held = !string.IsNullOrEmpty(spec.HolderIdentity) && spec.HolderIdentity != _identity;
            var expires = (spec.RenewTime?.Value ?? DateTimeOffset.MinValue) + TimeSpan.FromSeconds(spec.LeaseDurationSeconds ?? 0);
            if (held && expires > now)
            {
                return false;
            }
            var takeover = spec.HolderIdentity != _identity;
            await _client.UpdateAsync(ResourceTypes.Leases, lease with
            {
                Spec = spec with
                {
                    HolderIdentity = _identity,
                    LeaseDurationSeconds = (int)_timings.LeaseDuration.TotalSeconds,
                    AcquireTime = takeover ? new MicroTime(now) : spec.AcquireTime,
                    RenewTime = new MicroTime(now),
                    LeaseTransitions = takeover ? (spec.LeaseTransitions ?? 0) + 1 : spec.LeaseTransitions,
                },
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ApiClientException e) when (e.IsConflict || e.IsAlreadyExists)
        {
            return false; // someone else wrote first
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception e) when (e is ApiClientException or HttpRequestException or IOException)
        {
            LogElectionFailed(_logger, _namespace, _name, e);
            return false;
        }
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, _clock, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "{Identity} became leader of lease {Namespace}/{Name}")]
    private static partial void LogAcquired(ILogger logger, string identity, string @namespace, string name);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "{Identity} lost lease {Namespace}/{Name}")]
    private static partial void LogLost(ILogger logger, string identity, string @namespace, string name);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Debug, Message = "Leader election on {Namespace}/{Name} failed this round")]
    private static partial void LogElectionFailed(ILogger logger, string @namespace, string name, Exception error);
}
