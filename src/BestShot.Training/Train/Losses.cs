using BestShot.Training.Model;
using TorchSharp;
using static TorchSharp.torch;

namespace BestShot.Training.Train;

/// <summary>The two training objectives: the seed's MSE on log(likes ratio), and RankNet on same-user pairs.</summary>
public static class Losses
{
    public static Tensor Compute(LossKind kind, Tensor prediction, Batch batch) =>
        kind switch
        {
            LossKind.Mse => nn.functional.mse_loss(prediction.squeeze(1), batch.Label),
            LossKind.RankNet => RankNet(prediction.squeeze(1), batch.Label, batch.UserIndex),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

    /// <summary>mean softplus(−(s_i − s_j)) over pairs of the same user with label_i &gt; label_j; 0 when a batch has none.</summary>
    public static Tensor RankNet(Tensor score, Tensor label, Tensor user)
    {
        using var scope = NewDisposeScope();
        var mask = user.unsqueeze(1).eq(user.unsqueeze(0)).logical_and(label.unsqueeze(1).gt(label.unsqueeze(0)));
        var diff = score.unsqueeze(1) - score.unsqueeze(0);
        var terms = nn.functional.softplus(-diff).masked_select(mask);
        var loss = terms.numel() == 0 ? (score * 0).sum() : terms.mean();
        return loss.MoveToOuterDisposeScope();
    }

    /// <summary>The validation objective from per-post scores: MSE, or RankNet over the validation pairs.</summary>
    public static double Validation(
        LossKind kind,
        IReadOnlyList<BestShot.Core.Data.Post> posts,
        IReadOnlyList<BestShot.Core.Data.PostPair> pairs,
        IReadOnlyDictionary<string, double> scores
    )
    {
        if (kind == LossKind.Mse)
            return BestShot.Core.Eval.EvalFigures.Mse(posts, scores);
        var scored = pairs.Where(p => !p.IsTie).ToList();
        return scored.Average(p =>
        {
            var (hi, lo) = p.A.Label > p.B.Label ? (p.A, p.B) : (p.B, p.A);
            double d = scores[hi.PostId] - scores[lo.PostId];
            return Math.Log(1 + Math.Exp(-d));
        });
    }
}
