using System.Collections.Concurrent;

namespace Stowage.Controllers.Pool;

/// <summary>
/// One <see cref="Ext4Template"/> per volume size, made the first time a volume of that size is
/// created (by formatting a scratch image to the exact size, as volumes used to be made one by
/// one) and kept in memory. Nothing of it is on disk beyond the scratch file while it is made, in
/// <c>&lt;pool&gt;/.templates</c>, which is emptied when the pool opens — so a crash leaves nothing
/// a later run could mistake for a volume, and a newer mkfs is picked up on restart.
/// </summary>
internal sealed class Ext4TemplateCache
{
    // A template is for sizes whose fresh filesystem has little metadata to copy (48 KiB at 16Mi,
    // 596 KiB at 1Gi, 4.2 MiB at 10Gi); larger volumes are formatted in place, as rare and large
    // enough for mkfs's ~60 ms not to matter. With the count below, templates hold at most 32 MiB.
    private const long MaximumDataBytes = ByteSize.MiB;

    // Sizes remembered (those too large for a template included); more formats in place.
    private const int MaximumTemplates = 32;

    private readonly ConcurrentDictionary<long, Lazy<Task<Ext4Template?>>> _templates = new();
    private readonly string _scratchDirectory;
    private readonly Func<string, long, CancellationToken, Task<Ext4Geometry?>> _formatToSize;

    /// <param name="scratchDirectory">Where templates are formatted (emptied now).</param>
    /// <param name="formatToSize">Formats an image file so that its filesystem is exactly the size;
    /// returns its layout, or null when it cannot be read unmounted.</param>
    public Ext4TemplateCache(string scratchDirectory, Func<string, long, CancellationToken, Task<Ext4Geometry?>> formatToSize)
    {
        _scratchDirectory = scratchDirectory;
        _formatToSize = formatToSize;
        if (Directory.Exists(scratchDirectory))
        {
            Directory.Delete(scratchDirectory, recursive: true);
        }
    }

    /// <summary>The template for volumes of <paramref name="sizeBytes"/>, or null when they are formatted in place.</summary>
    public async Task<Ext4Template?> ForAsync(long sizeBytes, CancellationToken cancellationToken)
    {
        if (!_templates.ContainsKey(sizeBytes) && _templates.Count >= MaximumTemplates)
        {
            return null;
        }
        // Concurrent first creates of one size wait for one format. A failed format is not
        // remembered: the next create tries again (and fails, or not, on its own).
        var lazy = _templates.GetOrAdd(sizeBytes, size => new Lazy<Task<Ext4Template?>>(() => BuildAsync(size)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            _templates.TryRemove(new KeyValuePair<long, Lazy<Task<Ext4Template?>>>(sizeBytes, lazy));
            throw;
        }
    }

    private async Task<Ext4Template?> BuildAsync(long sizeBytes)
    {
        Directory.CreateDirectory(_scratchDirectory);
        var file = Path.Combine(_scratchDirectory, $"{sizeBytes}-{Guid.NewGuid():N}.img");
        try
        {
            // Not cancelled with one caller: others may be waiting for the same template.
            var geometry = await _formatToSize(file, sizeBytes, CancellationToken.None).ConfigureAwait(false);
            return geometry is null ? null : Ext4Template.Read(file, geometry, MaximumDataBytes);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
