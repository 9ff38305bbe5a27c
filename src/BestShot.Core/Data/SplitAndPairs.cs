namespace BestShot.Core.Data;

public sealed record Split(IReadOnlyList<Post> Train, IReadOnlyList<Post> Validation);

/// <summary>A validation pair of two posts by the same user. A is "first" in the seed's (A, B) notation.</summary>
public sealed record PostPair(Post A, Post B)
{
    /// <summary>
    /// Ties: a pair whose labels are equal has no right answer, so it is left out of pairwise accuracy (and counted
    /// as a tie). This replaces the seed's implicit rule that counted such a pair correct only when out1 ≤ out2.
    /// </summary>
    public bool IsTie => A.Label == B.Label;

    /// <summary>
    /// Credit for scores sA, sB: 1 when they order the pair like its labels do, 0 when they reverse it, and ½ when
    /// they are equal — a model that cannot tell two photos apart scores chance, not zero.
    /// </summary>
    public double Credit(double scoreA, double scoreB)
    {
        if (scoreA == scoreB)
            return 0.5;
        return (A.Label > B.Label) == (scoreA > scoreB) ? 1 : 0;
    }
}

/// <summary>The seed's 80/20 split by user and its same-user validation pairs, reproducible from a seed.</summary>
public static class SplitAndPairs
{
    public static Split SplitByUser(IReadOnlyList<Post> posts, int seed, double trainFraction = 0.8)
    {
        var train = TrainUsers(posts.Select(p => p.UserId), seed, trainFraction);
        return new Split(posts.Where(p => train.Contains(p.UserId)).ToList(), posts.Where(p => !train.Contains(p.UserId)).ToList());
    }

    /// <summary>The users a split by user trains on: the sorted ids shuffled by the seed, the first 80 %.</summary>
    public static HashSet<string> TrainUsers(IEnumerable<string> userIds, int seed, double trainFraction = 0.8)
    {
        var users = userIds.Distinct().OrderBy(u => u, StringComparer.Ordinal).ToArray();
        new Random(seed).Shuffle(users);
        // The seed's int(len * 0.8); at least one validation user whenever there are two or more users.
        int trainCount = (int)(users.Length * trainFraction);
        if (users.Length >= 2)
            trainCount = Math.Clamp(trainCount, 1, users.Length - 1);
        return users.Take(trainCount).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// One person's data: within each user, the oldest posts (by post time, then id) train and the newest
    /// `1 − trainFraction` validate, as a model is used on what comes next. A user with four or more posts gives at
    /// least two validation posts (one pair; Instaloader's sample of a profile has five photo posts), one with two or
    /// three posts gives one, and every user keeps at least one for training.
    /// </summary>
    public static Split SplitByTime(IReadOnlyList<Post> posts, double trainFraction = 0.8)
    {
        var train = new List<Post>();
        var validation = new List<Post>();
        foreach (var user in posts.GroupBy(p => p.UserId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ordered = user.OrderBy(p => p.PostTime).ThenBy(p => p.PostId, StringComparer.Ordinal).ToList();
            int trainCount = (int)(ordered.Count * trainFraction);
            if (ordered.Count >= 2)
                trainCount = Math.Clamp(trainCount, 1, ordered.Count - (ordered.Count >= 4 ? 2 : 1));
            train.AddRange(ordered.Take(trainCount));
            validation.AddRange(ordered.Skip(trainCount));
        }
        return new Split(train, validation);
    }

    /// <summary>
    /// For each user (in order of user id), the user's posts are shuffled from the seed and paired as the seed does:
    /// A B C D E gives (A,B), (C,D), (E,A). A user with a single post gives no pair.
    /// </summary>
    public static List<PostPair> Pairs(IReadOnlyList<Post> validation, int seed)
    {
        var rng = new Random(seed);
        var pairs = new List<PostPair>();
        foreach (var group in validation.GroupBy(p => p.UserId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var posts = group.OrderBy(p => p.PostId, StringComparer.Ordinal).ToArray();
            rng.Shuffle(posts);
            pairs.AddRange(PairUp(posts));
        }
        return pairs;
    }

    /// <summary>
    /// Every pair of two posts of one user (the first 300 of each user by id, so that one huge account cannot make
    /// millions): the seed's n/2 pairs per user leave most of a small validation set unused.
    /// </summary>
    public static List<PostPair> AllWithinUser(IReadOnlyList<Post> validation)
    {
        var pairs = new List<PostPair>();
        foreach (var group in validation.GroupBy(p => p.UserId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var posts = group.OrderBy(p => p.PostId, StringComparer.Ordinal).Take(300).ToArray();
            for (int i = 0; i < posts.Length; i++)
            for (int j = i + 1; j < posts.Length; j++)
                pairs.Add(new PostPair(posts[i], posts[j]));
        }
        return pairs;
    }

    /// <summary>The seed's pairing of one user's posts, in the order given.</summary>
    public static IEnumerable<PostPair> PairUp(IReadOnlyList<Post> posts)
    {
        if (posts.Count < 2)
            yield break;
        for (int x = 0; x < posts.Count; x += 2)
            yield return new PostPair(posts[x], x + 1 < posts.Count ? posts[x + 1] : posts[0]);
    }
}
