namespace BestShot.Core.Imaging;

/// <summary>
/// Checks that a file decodes, cheaply: JPEGs decode at 1/8 scale, which still reads every byte of the entropy-coded
/// data, so truncation and corruption show up as they would in a full decode.
/// </summary>
public static class ImageProbe
{
    static readonly DecodeOptions Cheap = new() { MinShortSide = 1 };

    public static string? Problem(string path)
    {
        try
        {
            ImageDecoder.Decode(path, Cheap);
            return null;
        }
        catch (ImageDecodeException e)
        {
            return e.Reason;
        }
    }
}
