using BestShot.Core.Facts;
using BestShot.Core.Imaging;
using BestShot.Core.Look;
using BestShot.Core.Score;

namespace BestShot.Tests;

/// <summary>The photo-facts store on its own: what goes in comes out, keyed by content, and a changed file is new.</summary>
public class PhotoFactsStoreTests
{
    static (string Dir, string Db) Fresh(string name)
    {
        string dir = TestPaths.TempDir(name);
        return (dir, Path.Combine(dir, "facts.sqlite"));
    }

    [Fact]
    public void HashesAreRememberedUntilTheFileChanges()
    {
        var (dir, db) = Fresh("facts-hash");
        string photo = Path.Combine(dir, "a.jpg");
        File.Copy(Path.Combine(TestPaths.Samples, "rocket.jpg"), photo);
        string missing = Path.Combine(dir, "gone.jpg");
        using var store = new PhotoFactsStore(db);

        var (first, unreadable) = store.HashAll([photo, missing]);
        Assert.Equal(ContentHash.OfFile(photo), first[photo]);
        Assert.Equal([(missing, "file not found")], unreadable);

        File.AppendAllText(photo, "x"); // a changed file: new size, new hash
        var (second, _) = store.HashAll([photo]);
        Assert.NotEqual(first[photo], second[photo]);
        Assert.Equal(ContentHash.OfFile(photo), second[photo]);
    }

    [Fact]
    public void ScoresEmbeddingsAndGridsComeBackAsStored()
    {
        var (_, db) = Fresh("facts-scores");
        using (var store = new PhotoFactsStore(db))
            store.PutMany([("h1", new PhotoScore(1.5, [1f, 2f], [0.25f], [3f, 4f, 5f]))], "model-a", "meta-1");
        using var again = new PhotoFactsStore(db); // what was written survives the connection
        Assert.Equal(1.5, again.Get("h1", "model-a", "meta-1"));
        Assert.Null(again.Get("h1", "model-b", "meta-1")); // another model's score is not this one's
        Assert.Null(again.Get("h1", "model-a", "meta-2"));
        Assert.Equal([1f, 2f], again.GetEmbedding("h1", "model-a")!);
        Assert.Null(again.GetEmbedding("h1", "model-b"));
        Assert.Equal([0.25f], again.GetFocus("h1")!);
        Assert.Equal([3f, 4f, 5f], again.GetLikeness("h1")!);
    }

    [Fact]
    public void LooksRoundTrip()
    {
        var (_, db) = Fresh("facts-looks");
        var look = new PhotoLook(1, 0.5, 0.9, null, 0.4, 0, 2.5, 0.8, 12, 0.45, 0.01, 0.1, 0.02, 0.03, EyesOpen: 0.7, JpegQuality: 92);
        using var store = new PhotoFactsStore(db);
        Assert.Null(store.GetLook("h1"));
        store.PutLooks([("h1", look)]);
        Assert.Equal(look, store.GetLook("h1"));
    }
}
