namespace Stowage.Server.OpenApi;

/// <summary>The CLR type behind a scalar SchemaNode where OpenAPI tells them apart (int32/int64, Time/MicroTime).</summary>
internal enum ClrScalar
{
    /// <summary>Nothing to add.</summary>
    Other,

    /// <summary>int: format int32.</summary>
    Int32,

    /// <summary>long: format int64.</summary>
    Int64,

    /// <summary>double or float: format double.</summary>
    Double,

    /// <summary>MicroTime: the MicroTime schema rather than Time.</summary>
    MicroTime,
}
