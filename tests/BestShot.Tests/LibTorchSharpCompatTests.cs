using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace BestShot.Tests;

/// <summary>
/// The build's managed ELF edit (build/FixLibTorchSharp.cs) must leave a TorchSharp that loads, trains and prints
/// through libstdc++'s iostreams on an older libstdc++ (Debian 12), with nothing installed but the .NET SDK.
/// </summary>
public class LibTorchSharpCompatTests
{
    [Fact]
    public void LoadsAndTrainsAStep()
    {
        torch.manual_seed(1);
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(64, 3);
        var y = x.matmul(torch.tensor(new[] { 1f, -2f, 0.5f }).reshape(3, 1));
        var model = nn.Linear(3, 1);
        var optimizer = optim.AdamW(model.parameters(), lr: 0.1);
        float first = 0,
            last = 0;
        for (int step = 0; step < 50; step++)
        {
            optimizer.zero_grad();
            var loss = nn.functional.mse_loss(model.forward(x), y);
            loss.backward();
            optimizer.step();
            if (step == 0)
                first = loss.item<float>();
            last = loss.item<float>();
        }
        Assert.True(last < first / 10, $"loss went {first} -> {last}; a working optimizer divides it by far more than 10");
    }

    [Fact]
    public void NativeWarningsReachStandardError()
    {
        // libtorch writes TORCH_WARN through std::cerr. Reading .grad of a non-leaf tensor is one such warning.
        string file = Path.Combine(TestPaths.TempDir("cerr"), "stderr.txt");
        int saved = Libc.dup(2);
        int fd = Libc.open(
            file,
            0x41 /* O_WRONLY|O_CREAT */
            ,
            0x1a4
        );
        Assert.True(saved >= 0 && fd >= 0, "could not redirect stderr");
        try
        {
            Libc.dup2(fd, 2);
            using var leaf = torch.ones(2, requires_grad: true);
            using var nonLeaf = leaf * 2;
            using var grad = nonLeaf.grad;
        }
        finally
        {
            Libc.dup2(saved, 2);
            Libc.close(fd);
            Libc.close(saved);
        }
        Assert.Contains("not a leaf Tensor", File.ReadAllText(file));
    }

    static class Libc
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int dup(int fd);

        [DllImport("libc", SetLastError = true)]
        public static extern int dup2(int from, int to);

        [DllImport("libc", SetLastError = true)]
        public static extern int close(int fd);

        [DllImport("libc", SetLastError = true)]
        public static extern int open(string path, int flags, int mode);
    }
}
