namespace BestShot.Core.Features;

/// <summary>
/// The seed's colour-grading/framing input: the normalised 224×224 tensor average-pooled 16×16 down to 3×14×14.
/// Computed here for cached training; the exported model computes the same pool in its graph (AveragePool 16).
/// </summary>
public static class ColourThumbnail
{
    public const int Side = 14,
        Pool = 16,
        Length = 3 * Side * Side;

    public static float[] FromTensor(ReadOnlySpan<float> chw)
    {
        var t = new float[Length];
        const int size = Side * Pool;
        for (int c = 0; c < 3; c++)
        for (int ty = 0; ty < Side; ty++)
        for (int tx = 0; tx < Side; tx++)
        {
            float sum = 0;
            for (int y = 0; y < Pool; y++)
            {
                var row = chw.Slice(c * size * size + (ty * Pool + y) * size + tx * Pool, Pool);
                foreach (var v in row)
                    sum += v;
            }
            t[(c * Side + ty) * Side + tx] = sum / (Pool * Pool);
        }
        return t;
    }
}
