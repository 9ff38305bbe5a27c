using BestShot.Core.Data;
using BestShot.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace BestShot.Training.Train;

/// <summary>
/// The training objectives: the seed's MSE on log(likes ratio), and RankNet on same-user pairs. RankNet can also
/// tie photos to one scale (<see cref="TrainConfig.CrossPairWeight"/>, <see cref="TrainConfig.MseWeight"/>): pairs of
/// one photo alone leave each photo's level free to follow its content.
/// </summary>
public static class Losses
{
    public static Tensor Compute(TrainConfig cfg, Tensor prediction, Batch batch)
    {
        var score = prediction.squeeze(1);
        if (cfg.Loss == LossKind.Mse)
            return nn.functional.mse_loss(score, batch.Label);
        using var scope = NewDisposeScope();
        var loss = RankNet(score, batch.Label, batch.UserIndex);
        if (cfg.CrossPairWeight > 0)
            loss = loss + cfg.CrossPairWeight * CrossRankNet(score, batch.Label, batch.UserIndex, cfg.CrossPairMinGap);
        if (cfg.MseWeight > 0)
            loss = loss + cfg.MseWeight * nn.functional.mse_loss(score, batch.Label);
        return loss.MoveToOuterDisposeScope();
    }

    /// <summary>mean softplus(−(s_i − s_j)) over pairs of the same user with label_i &gt; label_j; 0 when a batch has none.</summary>
    public static Tensor RankNet(Tensor score, Tensor label, Tensor user) =>
        MeanSoftplus(score, user.unsqueeze(1).eq(user.unsqueeze(0)).logical_and(label.unsqueeze(1).gt(label.unsqueeze(0))));

    /// <summary>
    /// The same over pairs of *different* users whose labels differ by at least <paramref name="minGap"/>: a clean photo
    /// above another photo's badly spoiled copy. The gap is a margin against sources that are not clean themselves.
    /// </summary>
    public static Tensor CrossRankNet(Tensor score, Tensor label, Tensor user, double minGap) =>
        MeanSoftplus(score, user.unsqueeze(1).ne(user.unsqueeze(0)).logical_and((label.unsqueeze(1) - label.unsqueeze(0)).ge(minGap)));

    static Tensor MeanSoftplus(Tensor score, Tensor mask)
    {
        using var scope = NewDisposeScope();
        var diff = score.unsqueeze(1) - score.unsqueeze(0);
        var terms = nn.functional.softplus(-diff).masked_select(mask);
        var loss = terms.numel() == 0 ? (score * 0).sum() : terms.mean();
        return loss.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The validation objective from per-post scores: MSE, or RankNet over the validation pairs, plus the same extra
    /// terms as in training (cross-user pairs over every validation post, MSE) so that early stopping watches them too.
    /// </summary>
    public static double Validation(
        TrainConfig cfg,
        IReadOnlyList<Post> posts,
        IReadOnlyList<PostPair> pairs,
        IReadOnlyDictionary<string, double> scores
    )
    {
        if (cfg.Loss == LossKind.Mse)
            return BestShot.Core.Data.EvalFigures.Mse(posts, scores);
        double loss = pairs
            .Where(p => !p.IsTie)
            .Average(p =>
            {
                var (hi, lo) = p.A.Label > p.B.Label ? (p.A, p.B) : (p.B, p.A);
                return Softplus(scores[lo.PostId] - scores[hi.PostId]);
            });
        if (cfg.CrossPairWeight > 0)
            loss += cfg.CrossPairWeight * CrossValidation(posts, scores, cfg.CrossPairMinGap);
        if (cfg.MseWeight > 0)
            loss += cfg.MseWeight * BestShot.Core.Data.EvalFigures.Mse(posts, scores);
        return loss;
    }

    static double CrossValidation(IReadOnlyList<Post> posts, IReadOnlyDictionary<string, double> scores, double minGap)
    {
        // Arrays, not posts and dictionaries: this visits every pair of validation posts (20 M for 4,400) each epoch.
        var scored = posts.Where(p => scores.ContainsKey(p.PostId)).ToList();
        var users = scored.Select(p => p.UserId).Distinct().Select((u, i) => (u, i)).ToDictionary(x => x.u, x => x.i);
        var user = scored.Select(p => users[p.UserId]).ToArray();
        var label = scored.Select(p => p.Label).ToArray();
        var score = scored.Select(p => scores[p.PostId]).ToArray();
        double sum = 0;
        long count = 0;
        for (int i = 0; i < score.Length; i++)
        for (int j = 0; j < score.Length; j++)
            if (user[i] != user[j] && label[i] - label[j] >= minGap)
            {
                sum += Softplus(score[j] - score[i]);
                count++;
            }
        return count == 0 ? 0 : sum / count;
    }

    /// <summary>log(1 + eˣ) without overflow for large x.</summary>
    static double Softplus(double x) => x > 30 ? x : Math.Log(1 + Math.Exp(x));
}
