namespace Stowage.Storage;

/// <summary>Prefix arithmetic shared by backends (etcd's range_end = prefix with its last byte + 1).</summary>
public static class KeyPrefix
{
    /// <summary>The smallest string greater than every string that starts with <paramref name="prefix"/>.</summary>
    public static string RangeEnd(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var chars = prefix.ToCharArray();
        chars[^1]++;
        return new string(chars);
    }
}
