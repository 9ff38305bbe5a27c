using BestShot.Core.Backbone;
using BestShot.Core.Features;

namespace BestShot.Training.Quality;

/// <summary>
/// The input vector of a linear quality head, laid out as the score graph concatenates the head's inputs when its
/// colour and metadata parts have no layers: pooled features, thumbnail, image statistics, metadata, native
/// measures, layer statistics. A recipe reads a subset (<see cref="Blocks"/>); the thumbnail and the metadata are
/// never read (the thumbnail is the scene, and synthetic metadata says nothing).
/// </summary>
public static class QualityInputs
{
    [Flags]
    public enum Blocks
    {
        Pooled = 1,
        Statistics = 2,
        Measures = 4,
        Layers = 8,
    }

    const int Pooled = 0,
        Thumbnail = Pooled + BackboneGraph.FeatureCount,
        Statistics = Thumbnail + ColourThumbnail.Length;
    static readonly int Metadata = Statistics + ImageStatistics.Count,
        Measures = Metadata + MetadataFeatures.Count,
        Layers = Measures + DetailMeasures.Count;

    public static int Length => Layers + LayerStatistics.Count;

    /// <summary>Where the native crop Laplacian sits in the vector.</summary>
    public static int LaplacianIndex => Measures;

    public static float[] Of(QualityRow r)
    {
        var x = new float[Length];
        r.Pooled.CopyTo(x, Pooled);
        r.Statistics.CopyTo(x, Statistics);
        r.Measures.CopyTo(x, Measures);
        r.Layers.CopyTo(x, Layers);
        return x;
    }

    public static int[] Indices(Blocks blocks)
    {
        var list = new List<int>();
        void Add(Blocks b, int start, int count)
        {
            if (blocks.HasFlag(b))
                list.AddRange(Enumerable.Range(start, count));
        }
        Add(Blocks.Pooled, Pooled, BackboneGraph.FeatureCount);
        Add(Blocks.Statistics, Statistics, ImageStatistics.Count);
        Add(Blocks.Measures, Measures, DetailMeasures.Count);
        Add(Blocks.Layers, Layers, LayerStatistics.Count);
        return [.. list];
    }

    public static float[] Select(float[] x, int[] indices)
    {
        var s = new float[indices.Length];
        for (int i = 0; i < indices.Length; i++)
            s[i] = x[indices[i]];
        return s;
    }
}
