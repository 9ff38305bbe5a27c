using XmpCore;

namespace BestShot.Core.Imaging;

/// <summary>Sidecar naming: IMG_0001.JPG.xmp (darktable, digiKam, Immich) or IMG_0001.xmp (Adobe).</summary>
public enum SidecarName
{
    Full,
    Adobe,
}

/// <summary>
/// The one place XMP sidecars are found and read (through XmpCore, Adobe's XMP SDK for .NET): `cull`'s sidecar
/// writer, the gallery's decisions and `train --ratings` all read through here, so they agree on names, namespaces
/// and what an unreadable sidecar is.
/// </summary>
public static class XmpFiles
{
    public const string BestShotNamespace = "http://ns.bestshot.dev/1.0/",
        DigikamNamespace = "http://www.digikam.org/ns/1.0/";

    static XmpFiles()
    {
        XmpMetaFactory.SchemaRegistry.RegisterNamespace(BestShotNamespace, "bestshot");
        XmpMetaFactory.SchemaRegistry.RegisterNamespace(DigikamNamespace, "digiKam");
    }

    /// <summary>Makes sure BestShot's and digiKam's prefixes are registered before XmpCore serialises anything.</summary>
    public static void RegisterNamespaces() { }

    public static string PathFor(string photo, SidecarName name) =>
        name == SidecarName.Adobe ? Path.ChangeExtension(photo, ".xmp") : photo + ".xmp";

    /// <summary>The sidecar's XMP (null: there is none or it is not a regular file); throws on one that cannot be parsed.</summary>
    public static IXmpMeta? Read(string sidecar)
    {
        RegisterNamespaces();
        return File.Exists(sidecar) && FileKinds.NotRegular(sidecar) == null
            ? XmpMetaFactory.ParseFromString(File.ReadAllText(sidecar))
            : null;
    }

    /// <summary>Whether an exception is what a damaged or unreadable sidecar throws.</summary>
    public static bool IsUnreadable(Exception e) =>
        e is XmpException or IOException or UnauthorizedAccessException or System.Xml.XmlException;

    public static string? Get(IXmpMeta meta, string ns, string name) =>
        meta.DoesPropertyExist(ns, name) ? meta.GetPropertyString(ns, name) : null;
}
