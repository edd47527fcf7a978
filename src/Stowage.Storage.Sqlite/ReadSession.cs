using Microsoft.Data.Sqlite;

namespace Stowage.Storage.Sqlite;

/// <summary>
/// A read-only connection with its statements prepared once and reused. WAL mode lets any number of these read
/// a consistent snapshot beside the writer without blocking it.
/// </summary>
/// <remarks>
/// Range statements come in variants by whether the lower bound is the prefix itself (<c>key &gt;= prefix</c>) or
/// a page's last key (<c>key &gt; after</c>): with a single lower bound SQLite seeks the index straight to the
/// page, so paging through a large prefix stays linear.
/// </remarks>
internal sealed class ReadSession : IDisposable
{
    // The latest state: kv rows, each with the log row at its mod revision as its value. CROSS JOIN keeps kv the
    // outer loop: a seek to the range, then one log row by its revision per pair.
    private const string LatestState = """
        SELECT k.key AS key, v.value AS value, k.create_revision, k.mod_revision FROM kv AS k
        CROSS JOIN log AS v ON v.revision = k.mod_revision
        WHERE k.key {0} @lower AND k.key < @end
        """;

    // The first change after @rev of each key in the range, if that change was not its create (log row l).
    private const string FirstChangesAfter = """
        FROM (SELECT MIN(revision) AS first FROM log WHERE revision > @rev AND key {0} @lower AND key < @end GROUP BY key) AS f
        JOIN log AS l ON l.revision = f.first
        WHERE l.type <> 0
        """;

    // A past state: kv rows untouched since @rev, plus, per key changed after @rev, the pair its first later change
    // replaced (update: prev_value) or removed (delete: value). A create after @rev means absent at @rev.
    private const string PastState = LatestState + """
         AND k.mod_revision <= @rev
        UNION ALL
        SELECT l.key, CASE l.type WHEN 1 THEN l.prev_value ELSE l.value END, l.create_revision, l.prev_revision
        """ + "\n" + FirstChangesAfter;

    // Counts need no values: every kv row has its log row.
    private const string LatestCount = """
        SELECT key FROM kv WHERE key {0} @lower AND key < @end
        """;

    private const string PastCount = LatestCount + """
         AND mod_revision <= @rev
        UNION ALL
        SELECT l.key
        """ + "\n" + FirstChangesAfter;

    private readonly SqliteCommand?[] _ranges = new SqliteCommand?[8];

    public ReadSession(string connectionString)
    {
        Connection = new SqliteConnection(connectionString);
        Connection.Open();
        Get = Prepare(SqliteSchema.SelectPair, ("@key", SqliteType.Text));
        Meta = Prepare("SELECT current_revision, compacted_revision FROM meta WHERE id = 1;");
        History = Prepare(
            """
            SELECT revision, key, type, value, prev_value, create_revision, prev_revision FROM log
            WHERE revision > @after AND revision <= @through AND key >= @lower AND key < @end
            ORDER BY revision LIMIT @limit;
            """,
            ("@after", SqliteType.Integer), ("@through", SqliteType.Integer), ("@lower", SqliteType.Text), ("@end", SqliteType.Text),
            ("@limit", SqliteType.Integer));
    }

    public SqliteConnection Connection { get; }

    /// <summary>(value, create_revision, mod_revision) of one key; parameter <c>@key</c>.</summary>
    public SqliteCommand Get { get; }

    /// <summary>(current_revision, compacted_revision).</summary>
    public SqliteCommand Meta { get; }

    /// <summary>Log rows in (@after, @through] under [@lower, @end), by revision, at most @limit.</summary>
    public SqliteCommand History { get; }

    /// <summary>
    /// The statement listing (or counting) pairs in key order under [@lower or (@lower, @end), at the latest state
    /// or at past revision @rev, at most @limit rows (-1 for all).
    /// </summary>
    public SqliteCommand Range(bool past, bool count, bool exclusiveLower)
    {
        var index = (past ? 4 : 0) + (count ? 2 : 0) + (exclusiveLower ? 1 : 0);
        return _ranges[index] ??= CreateRange(past, count, exclusiveLower);
    }

    public void Dispose()
    {
        Get.Dispose();
        Meta.Dispose();
        History.Dispose();
        foreach (var command in _ranges)
        {
            command?.Dispose();
        }

        Connection.Dispose();
    }

    private SqliteCommand CreateRange(bool past, bool count, bool exclusiveLower)
    {
        var shape = (past, count) switch
        {
            (true, true) => PastCount,
            (true, false) => PastState,
            (false, true) => LatestCount,
            (false, false) => LatestState,
        };
        var state = string.Format(System.Globalization.CultureInfo.InvariantCulture, shape, exclusiveLower ? ">" : ">=");
        var sql = count ? $"SELECT COUNT(*) FROM ({state});" : $"{state} ORDER BY key LIMIT @limit;";
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.Add("@lower", SqliteType.Text);
        command.Parameters.Add("@end", SqliteType.Text);
        if (past)
        {
            command.Parameters.Add("@rev", SqliteType.Integer);
        }

        if (!count)
        {
            command.Parameters.Add("@limit", SqliteType.Integer);
        }

        command.Prepare();
        return command;
    }

    private SqliteCommand Prepare(string sql, params ReadOnlySpan<(string Name, SqliteType Type)> parameters)
    {
        var command = Connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, type) in parameters)
        {
            command.Parameters.Add(name, type);
        }

        command.Prepare();
        return command;
    }
}
