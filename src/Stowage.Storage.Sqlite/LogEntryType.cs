namespace Stowage.Storage.Sqlite;

/// <summary>The <c>type</c> column of the <c>log</c> table. Stored on disk: never renumber.</summary>
internal enum LogEntryType
{
    /// <summary><c>value</c> is the new value; no previous pair.</summary>
    Create = 0,

    /// <summary><c>value</c> is the new value, <c>prev_value</c> the replaced one (mod revision <c>prev_revision</c>).</summary>
    Update = 1,

    /// <summary><c>value</c> is the deleted (last) value, whose mod revision was <c>prev_revision</c>.</summary>
    Delete = 2,
}
