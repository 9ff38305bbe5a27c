namespace BestShot.Core.Imaging;

/// <summary>
/// What a folder walk found: photos once each, in a stable order, and what it could not or would not enter. A RAW and a
/// JPEG with the same base name in one folder are one photo: the JPEG is listed (the camera's own full-size rendering)
/// and <see cref="Raws"/> maps it to its RAW, which gets the same verdict.
/// </summary>
public sealed record PhotoWalk(
    List<string> Photos,
    List<(string Path, string Reason)> Skipped,
    List<(string Path, string Reason)> Notes,
    Dictionary<string, string>? Raws = null
)
{
    public string? RawOf(string photo) => Raws != null && Raws.TryGetValue(photo, out var raw) ? raw : null;
}

/// <summary>
/// Finds photos by extension under files and folders. Real disks hold symlink loops, hard links, unreadable folders
/// and the hidden caches of other tools, so the walk:
/// - lists every regular file once, however it is reached (keyed on device and inode);
/// - follows a symlinked folder only when it does not lead back into a folder being walked (a loop gets one note);
/// - does not enter hidden folders or the caches of common tools, unless they are named as a root;
/// - names each folder it cannot read, and goes on.
/// </summary>
public static class PhotoFiles
{
    public static readonly string[] Extensions =
    [
        ".jpg",
        ".jpeg",
        ".jpe",
        ".png",
        ".webp",
        ".gif",
        ".bmp",
        ".ico",
        ".wbmp",
        ".heic",
        ".heif",
        ".avif",
        .. RawFiles.Extensions,
    ];

    /// <summary>Folders that hold other tools' thumbnails, previews, trash or metadata, never a user's photos.</summary>
    static readonly string[] ToolFolders = ["@eaDir", "#recycle", "#snapshot", "$RECYCLE.BIN", "System Volume Information", "__MACOSX"];

    public static bool IsPhoto(string path) => Extensions.Contains(Path.GetExtension(path).ToLowerInvariant());

    /// <summary>True for a folder the walk leaves alone unless asked: hidden ones (.git, .thumbnails, .dtrash,
    /// .Trash-1000...), NAS and OS caches, and Lightroom's preview stores ("… Previews.lrdata").</summary>
    public static bool IsSkippedFolder(string name) =>
        name.StartsWith('.')
        || ToolFolders.Contains(name, StringComparer.OrdinalIgnoreCase)
        || name.EndsWith(".lrdata", StringComparison.OrdinalIgnoreCase);

    /// <summary>Photos under one folder (no skip report): for tools that read a folder of reference photos.</summary>
    public static List<string> Find(string folder) => Walk([folder]).Photos;

    public static PhotoWalk Walk(IEnumerable<string> roots, CancellationToken cancel = default)
    {
        var photos = new List<string>();
        var skipped = new List<(string, string)>();
        var notes = new List<(string, string)>();
        var seenFiles = new HashSet<FileIdentity>();
        var enteredFolders = new HashSet<FileIdentity>();
        var walking = new Dictionary<FileIdentity, string>(); // the folders on the current path, for loop detection

        void AddFile(string path)
        {
            if (FileIdentity.Of(path) is not { } id)
            {
                skipped.Add((path, "broken link or unreadable"));
                return;
            }
            if (FileKinds.NotRegular(path) is string kind)
            {
                skipped.Add((path, kind));
                return;
            }
            if (seenFiles.Add(id))
                photos.Add(Path.GetFullPath(path));
        }

        void WalkFolder(string folder)
        {
            if (cancel.IsCancellationRequested)
                return;
            if (FileIdentity.Of(folder) is not { } id)
            {
                skipped.Add((folder, "broken link or unreadable"));
                return;
            }
            if (walking.TryGetValue(id, out var ancestor))
            {
                notes.Add((folder, $"symlink loop (leads back to {ancestor}); not followed"));
                return;
            }
            if (!enteredFolders.Add(id))
                return; // reached again by another route: its files are already listed
            List<string> entries;
            try
            {
                entries = Listing(folder);
            }
            catch (UnauthorizedAccessException)
            {
                skipped.Add((folder, "permission denied (folder not read)"));
                return;
            }
            catch (IOException e)
            {
                skipped.Add((folder, $"cannot read folder: {e.Message}"));
                return;
            }
            walking[id] = folder;
            foreach (var entry in entries)
            {
                string name = Path.GetFileName(entry);
                if (NativePath.HasEscapes(entry) ? FileIdentity.KindOf(entry) == FileKind.Folder : Directory.Exists(entry))
                {
                    if (!IsSkippedFolder(name))
                        WalkFolder(entry);
                }
                else if (IsPhoto(entry) && !name.StartsWith('.'))
                    AddFile(entry); // "._IMG.JPG": macOS resource forks
            }
            walking.Remove(id);
        }

        foreach (var root in roots)
        {
            if (Directory.Exists(root))
                WalkFolder(root);
            else if (File.Exists(root))
                AddFile(root);
            else
                skipped.Add((root, "no such file or folder"));
        }
        photos.Sort(StringComparer.Ordinal);
        var raws = PairRaws(photos);
        return new PhotoWalk(photos, skipped, notes, raws);
    }

    /// <summary>
    /// A folder's entries in name order. .NET's listing where every name is UTF-8 (almost always); where one is not,
    /// the C library's, which keeps its bytes so that the photo can still be opened.
    /// </summary>
    static List<string> Listing(string folder)
    {
        var entries = NativePath.HasEscapes(folder) ? null : Directory.EnumerateFileSystemEntries(folder).ToList();
        if (entries == null || entries.Any(e => e.Contains('\uFFFD')))
            entries = NativeDirectory.Entries(folder) ?? entries ?? throw new IOException("cannot list the folder");
        return entries.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Removes each RAW that has a JPEG of the same base name beside it; returns JPEG → RAW.</summary>
    static Dictionary<string, string> PairRaws(List<string> photos)
    {
        var jpegs = photos
            .Where(p => Path.GetExtension(p).ToLowerInvariant() is ".jpg" or ".jpeg")
            .GroupBy(p => Path.Combine(Path.GetDirectoryName(p)!, Path.GetFileNameWithoutExtension(p)), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var pairs = new Dictionary<string, string>();
        foreach (var raw in photos.Where(RawFiles.IsRaw))
            if (jpegs.TryGetValue(Path.Combine(Path.GetDirectoryName(raw)!, Path.GetFileNameWithoutExtension(raw)), out var jpeg))
                pairs.TryAdd(jpeg, raw);
        var paired = pairs.Values.ToHashSet();
        photos.RemoveAll(paired.Contains);
        return pairs;
    }
}
