using System.Runtime;
using BestShot.Training.Train;
using TorchSharp;
using static TorchSharp.torch;

namespace BestShot.Tests;

public class SafeStepTests
{
    [Fact]
    public void StepsExactlyLikeTheOptimizerAndLeavesTheCollectorOn()
    {
        (nn.Module<Tensor, Tensor> Model, optim.Optimizer Opt) Make()
        {
            torch.manual_seed(7);
            var m = nn.Linear(64, 8);
            return (m, optim.AdamW(m.parameters(), lr: 1e-2, weight_decay: 0.05));
        }
        var (plain, plainOpt) = Make();
        var (safe, safeOpt) = Make();
        var x = torch.randn(32, 64, generator: new Generator(3));
        for (int step = 0; step < 5; step++)
        {
            foreach (var (model, opt, useSafe) in new[] { (plain, plainOpt, false), (safe, safeOpt, true) })
            {
                opt.zero_grad();
                model.forward(x).pow(2).mean().backward();
                if (useSafe)
                    SafeStep.Step((TorchSharp.Modules.OptimizerHelper)opt);
                else
                    opt.step();
                Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
            }
        }
        foreach (var (a, b) in plain.parameters().Zip(safe.parameters()))
            Assert.True(a.allclose(b, rtol: 0, atol: 0), "SafeStep changed the update");
        Assert.False(
            plain.parameters().First().allclose(Make().Model.parameters().First(), rtol: 0, atol: 0),
            "the optimizer never moved the weights"
        );
    }
}
