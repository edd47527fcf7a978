using Microsoft.Extensions.Logging;
using Stowage.Node.Containers;
using Stowage.Node.Volumes;
using Stowage.Runtime.Client;
using Stowage.Runtime.Events;

namespace Stowage.Node.Agent;

/// <summary>What every pod worker of one agent shares.</summary>
internal sealed record PodWorkerContext(
    ApiClient Client,
    EventRecorder Recorder,
    IContainerRuntime Runtime,
    IImageResolver Images,
    IPodVolumeSetup Volumes,
    IPodNetwork Network,
    IVolumeObjectSource Objects,
    NodePaths Paths,
    string NodeName,
    string HostIp,
    TimeProvider Clock,
    ILogger Logger);
