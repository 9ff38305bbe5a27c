namespace BestShot.Core.Imaging;

/// <summary>
/// Bounds the memory of the decodes in flight by their size rather than their number. Every thread that reads and
/// decodes a photo first takes a lease for what that will cost (its file's bytes and its pixels, from the header), and
/// waits while the leases out would pass the capacity. A photo costing more than the whole capacity waits for every
/// other lease to end and then runs alone. One lease per photo, taken before anything is allocated, so no thread ever
/// holds part of the budget while waiting for more: there is no deadlock.
/// </summary>
public static class DecodeBudget
{
    /// <summary>
    /// 256 MB: `rank` holds about 550 MB without any photo (runtime, models, ONNX Runtime's buffers), so with this
    /// it stays under 1 GB. Ordinary photos cost 5–20 MB each, so many decode at once; a 100 MP photo decodes alone.
    /// </summary>
    public const long DefaultCapacity = 256L << 20;

    static readonly object Gate = new();
    static long _capacity = DefaultCapacity;
    static long _out;

    /// <summary>The budget's size; tests shrink it to make leases wait.</summary>
    public static long Capacity
    {
        get
        {
            lock (Gate)
                return _capacity;
        }
        set
        {
            lock (Gate)
            {
                _capacity = Math.Max(1, value);
                Monitor.PulseAll(Gate);
            }
        }
    }

    /// <summary>Bytes leased now.</summary>
    public static long InUse
    {
        get
        {
            lock (Gate)
                return _out;
        }
    }

    /// <summary>Waits until `bytes` fit (all of the capacity at most) and leases them until the lease is disposed.</summary>
    public static Lease Take(long bytes, CancellationToken cancel = default)
    {
        lock (Gate)
        {
            long want = Math.Clamp(bytes, 0, _capacity);
            while (_out > 0 && _out + want > _capacity)
            {
                cancel.ThrowIfCancellationRequested();
                // A timed wait, so that cancellation is seen within a fifth of a second.
                Monitor.Wait(Gate, 200);
                want = Math.Clamp(bytes, 0, _capacity);
            }
            _out += want;
            return new Lease(want);
        }
    }

    static void Return(long bytes)
    {
        lock (Gate)
        {
            _out -= bytes;
            Monitor.PulseAll(Gate);
        }
    }

    public sealed class Lease(long bytes) : IDisposable
    {
        long _bytes = bytes;

        public long Bytes => _bytes;

        public void Dispose() => Return(Interlocked.Exchange(ref _bytes, 0));
    }
}
