namespace BestShot.Core.Imaging;

/// <summary>
/// What the scorer sees of one photo: the seed's global 224 view (composition, exposure, colour) and, optionally,
/// a few 224×224 crops at native resolution (sharpness, noise, compression), which the 18× downscale of a phone
/// photo hides. The crops sit side by side in a band across the middle of the frame, at x = k/(n+1) of the width,
/// so one partial JPEG decode of that band serves them all. A photo smaller than 224 px has no finer detail than
/// its global view, which then stands in for each crop.
/// </summary>
public sealed record PhotoViews(RgbImage Global, IReadOnlyList<RgbImage> Crops)
{
    public static PhotoViews Load(string path, int crops, long maxPixels = DecodeOptions.DefaultMaxPixels)
    {
        using var photo = ImageDecoder.Read(path);
        var data = photo.Data;
        var global = Preprocessor.CenterView(
            ImageDecoder.Decode(data, path, Preprocessor.GlobalViewDecode with { MaxPixels = maxPixels })
        );
        return crops <= 0 ? new PhotoViews(global, []) : new PhotoViews(global, DetailCrops(data, path, crops, global, maxPixels));
    }

    public static List<RgbImage> DetailCrops(
        byte[] data,
        string path,
        int count,
        RgbImage global,
        long maxPixels = DecodeOptions.DefaultMaxPixels
    )
    {
        const int size = Preprocessor.Size;
        int CropX(int width, int i) => Math.Clamp((int)((long)width * (i + 1) / (count + 1)) - size / 2, 0, Math.Max(0, width - size));
        var (band, origin, width, height) = ImageDecoder.DecodeBand(
            data,
            path,
            (w, h) =>
            {
                // 16 px more on each side (one JPEG MCU): chroma upsampling at a subset's edge differs from a full decode.
                int first = Math.Max(0, CropX(w, 0) - 16),
                    last = Math.Min(w, CropX(w, count - 1) + size + 16);
                return (h < size ? 0 : (h - size) / 2, Math.Min(h, size), first, Math.Max(1, last - first));
            },
            new DecodeOptions { MaxPixels = maxPixels }
        );
        if (width < size || height < size)
            return Enumerable.Repeat(global, count).ToList();
        var crops = new List<RgbImage>(count);
        for (int i = 0; i < count; i++)
            crops.Add(Orientation.Apply(band.Crop(CropX(width, i), size, size), origin));
        return crops;
    }
}
