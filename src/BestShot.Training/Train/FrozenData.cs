using BestShot.Core.Backbone;
using BestShot.Core.Data;
using BestShot.Core.Features;
using BestShot.Training.Model;
using static TorchSharp.torch;

namespace BestShot.Training.Train;

/// <summary>
/// Frozen-backbone inputs held in memory: per post, the cached views (512 features, 588 thumbnail and 38 image statistics each) and its
/// metadata. Training batches draw one augmented view per post per epoch; validation uses the plain view.
/// </summary>
public sealed class FrozenData(IReadOnlyList<Post> posts, IReadOnlyList<ImageViews> views)
{
    public IReadOnlyList<Post> Posts { get; } = posts;

    public Batch MakeBatch(IReadOnlyList<int> indices, Func<int, int> viewOf, IReadOnlyDictionary<string, int> userIds)
    {
        int n = indices.Count, f = BackboneGraph.FeatureCount, t = ScoreHead.ColourInputs, m = MetadataFeatures.Count;
        bool detail = views.Count > 0 && views[0].Detail != null;
        int width = detail ? 2 * f : f; // global features, then the detail crops' mean
        var features = new float[n * width];
        var thumbs = new float[n * t];
        var meta = new float[n * m];
        var labels = new float[n];
        var users = new long[n];
        for (int i = 0; i < n; i++)
        {
            var post = Posts[indices[i]];
            var view = views[indices[i]].Views[viewOf(indices[i])];
            Array.Copy(view, 0, features, i * width, f);
            if (detail) Array.Copy(views[indices[i]].Detail!, 0, features, i * width + f, f);
            Array.Copy(view, f, thumbs, i * t, t);
            MetadataFeatures.Compute(PostMetadata.Of(post), meta.AsSpan(i * m, m));
            labels[i] = (float)post.Label;
            users[i] = userIds[post.UserId];
        }
        return new Batch
        {
            Features = tensor(features, [n, width]),
            Thumbnail = tensor(thumbs, [n, t]),
            Metadata = tensor(meta, [n, m]),
            Label = tensor(labels),
            UserIndex = tensor(users),
            PostIndex = indices.ToArray(),
        };
    }
}
