using Stowage.Api.Meta;
using Stowage.Api.Validation;

namespace Stowage.Server.Errors;

/// <summary>Kubernetes' error Status objects, with its exact reasons and message formats.</summary>
public static class StatusErrors
{
    private static string Qualified(string resource, string group) => group.Length == 0 ? resource : $"{resource}.{group}";

    private static Status Failure(int code, string reason, string message, StatusDetails? details = null) => new()
    {
        Outcome = "Failure",
        Code = code,
        Reason = reason,
        Message = message,
        Details = details,
    };

    /// <summary>404: <c>persistentvolumes "x" not found</c>.</summary>
    public static Status NotFound(string resource, string group, string name) =>
        Failure(404, "NotFound", $"{Qualified(resource, group)} \"{name}\" not found",
            new StatusDetails { Name = name, Group = group.Length == 0 ? null : group, Kind = resource });

    /// <summary>409: <c>persistentvolumes "x" already exists</c>.</summary>
    public static Status AlreadyExists(string resource, string group, string name) =>
        Failure(409, "AlreadyExists", $"{Qualified(resource, group)} \"{name}\" already exists",
            new StatusDetails { Name = name, Group = group.Length == 0 ? null : group, Kind = resource });

    /// <summary>409: the object has been modified.</summary>
    public static Status Conflict(string resource, string group, string name, string? detail = null) =>
        Failure(409, "Conflict",
            $"Operation cannot be fulfilled on {Qualified(resource, group)} \"{name}\": {detail ?? "the object has been modified; please apply your changes to the latest version and try again"}",
            new StatusDetails { Name = name, Group = group.Length == 0 ? null : group, Kind = resource });

    /// <summary>422 with field causes: <c>PersistentVolume "x" is invalid: [a, b]</c>.</summary>
    public static Status Invalid(string kind, string group, string name, IReadOnlyList<FieldError> errors)
    {
        var joined = FieldError.Join(errors);
        var kindText = group.Length == 0 ? kind : $"{kind}.{group}";
        return Failure(422, "Invalid", $"{kindText} \"{name}\" is invalid: {joined}", new StatusDetails
        {
            Name = name,
            Group = group.Length == 0 ? null : group,
            Kind = kind,
            Causes = errors.Select(e => new StatusCause
            {
                Reason = e.Reason,
                Message = e.ErrorBody(),
                Field = e.Field,
            }).ToList(),
        });
    }

    /// <summary>422 without details (e.g. a JSON patch that does not apply): kubectl prints "The request is invalid: ...".</summary>
    public static Status InvalidRequest(string message) => Failure(422, "Invalid", message);

    /// <summary>400.</summary>
    public static Status BadRequest(string message) => Failure(400, "BadRequest", message);

    /// <summary>403: <c>resource "name" is forbidden: reason</c>.</summary>
    public static Status Forbidden(string resource, string group, string name, string reason) =>
        Failure(403, "Forbidden", $"{Qualified(resource, group)} \"{name}\" is forbidden: {reason}",
            new StatusDetails { Name = name, Group = group.Length == 0 ? null : group, Kind = resource });

    /// <summary>401.</summary>
    public static Status Unauthorized() => Failure(401, "Unauthorized", "Unauthorized");

    /// <summary>404 for a path that names no resource.</summary>
    public static Status PathNotFound() => Failure(404, "NotFound", "the server could not find the requested resource", new StatusDetails());

    /// <summary>405.</summary>
    public static Status MethodNotSupported(string resource, string verb) =>
        Failure(405, "MethodNotAllowed", $"{verb} is not supported on resources of kind \"{resource}\"", new StatusDetails { Kind = resource });

    /// <summary>410: too old resource version.</summary>
    public static Status Gone(string message) => Failure(410, "Expired", message);

    /// <summary>413.</summary>
    public static Status RequestEntityTooLarge(string message) => Failure(413, "RequestEntityTooLarge", message);

    /// <summary>415.</summary>
    public static Status UnsupportedMediaType(string contentType) =>
        Failure(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf (got {contentType})");


    /// <summary>500.</summary>
    public static Status Internal(string message) => Failure(500, "InternalError", $"Internal error occurred: {message}",
        new StatusDetails { Causes = [new StatusCause { Message = message }] });


}
