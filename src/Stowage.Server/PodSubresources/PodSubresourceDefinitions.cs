using Stowage.Api.Core;
using Stowage.Server.Resources;

namespace Stowage.Server.PodSubresources;

/// <summary>The subresources pods serve besides status: log, exec and binding, as Kubernetes lists them.</summary>
public static class PodSubresourceDefinitions
{
    /// <summary>pods/log, pods/exec, pods/binding.</summary>
    public static IReadOnlyList<SubresourceDefinition> All { get; } =
    [
        new()
        {
            Name = "binding",
            Kind = "Binding",
            Verbs = ["create"],
            BodyType = typeof(Binding),
            Parameters =
            [
                new("dryRun", "string", "When present, indicates that modifications should not be persisted."),
                new("fieldManager", "string", "fieldManager is a name associated with the actor or entity that is making these changes."),
                new("fieldValidation", "string", "fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields."),
            ],
            Handler = new PodBindingHandler(),
        },
        new()
        {
            Name = "exec",
            Kind = "PodExecOptions",
            Verbs = ["create", "get"],
            Connect = true,
            Produces = "*/*",
            Parameters =
            [
                new("command", "string", "Command is the remote command to execute. argv array. Not executed within a shell."),
                new("container", "string", "Container in which to execute the command. Defaults to only container if there is only one container in the pod."),
                new("stderr", "boolean", "Redirect the standard error stream of the pod for this call."),
                new("stdin", "boolean", "Redirect the standard input stream of the pod for this call. Defaults to false."),
                new("stdout", "boolean", "Redirect the standard output stream of the pod for this call."),
                new("tty", "boolean", "TTY if true indicates that a tty will be allocated for the exec call. Defaults to false."),
            ],
            Handler = new PodExecHandler(),
        },
        new()
        {
            Name = "log",
            Kind = "Pod",
            Verbs = ["get"],
            Produces = "text/plain",
            Parameters =
            [
                new("container", "string", "The container for which to stream logs. Defaults to only container if there is one container in the pod."),
                new("follow", "boolean", "Follow the log stream of the pod. Defaults to false."),
                new("insecureSkipTLSVerifyBackend", "boolean", "insecureSkipTLSVerifyBackend indicates that the apiserver should not confirm the validity of the serving certificate of the backend it is connecting to."),
                new("limitBytes", "integer", "If set, the number of bytes to read from the server before terminating the log output."),
                new("previous", "boolean", "Return previous terminated container logs. Defaults to false."),
                new("sinceSeconds", "integer", "A relative time in seconds before the current time from which to show logs."),
                new("tailLines", "integer", "If set, the number of lines from the end of the logs to show."),
                new("timestamps", "boolean", "If true, add an RFC3339 or RFC3339Nano timestamp at the beginning of every line of log output. Defaults to false."),
            ],
            Handler = new PodLogHandler(),
        },
    ];
}
