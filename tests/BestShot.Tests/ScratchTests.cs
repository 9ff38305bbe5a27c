using BestShot.Core.Data;

namespace BestShot.Tests;

public class ScratchTests
{
    [Fact]
    public void SmallArraysComeBackFromThePoolLargeOnesAreLeftToTheCollector()
    {
        var small = Scratch.Rent<float>(1000);
        Assert.True(small.Length >= 1000);
        Scratch.Return(small);
        Assert.Same(small, Scratch.Rent<float>(1000)); // the same thread gets its returned array again
        // Over 16 MB: exactly the size asked, never pooled, and giving it back is harmless.
        var large = Scratch.Rent<byte>(20 << 20);
        Assert.Equal(20 << 20, large.Length);
        Scratch.Return(large);
        Assert.NotSame(large, Scratch.Rent<byte>(20 << 20));
    }
}
