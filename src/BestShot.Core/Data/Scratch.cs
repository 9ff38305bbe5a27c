using System.Buffers;
using System.Runtime.CompilerServices;

namespace BestShot.Core.Data;

/// <summary>
/// Scratch arrays for per-photo work (decode buffers, pixel planes, tensors) from the shared pool: a fresh array of a
/// megabyte or more costs its page faults every time, and a tenth of `rank`'s CPU went to them. Arrays over 16 MB are
/// allocated instead, because the pool would keep them. A rented array may be longer than asked for.
/// </summary>
public static class Scratch
{
    const long MaxBytes = 16 << 20;

    public static T[] Rent<T>(int length) => Pooled<T>(length) ? ArrayPool<T>.Shared.Rent(length) : new T[length];

    /// <summary>Gives back an array from <see cref="Rent{T}"/> (a large one is left to the garbage collector).</summary>
    public static void Return<T>(T[] array)
    {
        if (Pooled<T>(array.Length))
            ArrayPool<T>.Shared.Return(array);
    }

    static bool Pooled<T>(int length) => (long)length * Unsafe.SizeOf<T>() <= MaxBytes;
}
