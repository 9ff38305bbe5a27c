using System.CommandLine;

namespace BestShot.Cli.Commands;

/// <summary>
/// Options that fill one settings record, each declared in one statement: its name, help, default (read from the
/// record's own default, so the two never drift) and where its value goes. Commands add <see cref="All"/> and call
/// <see cref="Bind"/>; nothing is listed or mapped a second time.
/// </summary>
public sealed class RecordOptions<T>(T defaults)
{
    readonly List<(Option Option, Func<ParseResult, T, T> Apply)> options = [];

    public T Defaults => defaults;

    /// <summary>An option whose default is <paramref name="get"/> of the defaults and whose value <paramref name="set"/> stores.</summary>
    public Option<TValue> Add<TValue>(string name, string help, Func<T, TValue> get, Func<T, TValue, T> set)
    {
        var option = new Option<TValue>(name) { Description = help, DefaultValueFactory = _ => get(defaults) };
        options.Add((option, (r, record) => set(record, r.GetValue(option)!)));
        return option;
    }

    /// <summary>An option that must be given (no default), stored by <paramref name="set"/>.</summary>
    public Option<TValue> Required<TValue>(string name, string help, Func<T, TValue, T> set)
    {
        var option = new Option<TValue>(name) { Description = help, Required = true };
        options.Add((option, (r, record) => set(record, r.GetValue(option)!)));
        return option;
    }

    /// <summary>A switch (off unless given) that <paramref name="set"/> stores.</summary>
    public Option<bool> Switch(string name, string help, Func<T, bool, T> set)
    {
        var option = new Option<bool>(name) { Description = help };
        options.Add((option, (r, record) => set(record, r.GetValue(option))));
        return option;
    }

    /// <summary>An option declared elsewhere (shared by commands that fill other records), stored by <paramref name="set"/>.</summary>
    public Option<TValue> Use<TValue>(Option<TValue> option, Func<T, TValue, T> set)
    {
        options.Add((option, (r, record) => set(record, r.GetValue(option)!)));
        return option;
    }

    /// <summary>Another record's options, for a record this one holds: declared there, stored here by <paramref name="set"/>.</summary>
    public void Include<TInner>(RecordOptions<TInner> inner, Func<T, TInner> get, Func<T, TInner, T> set)
    {
        foreach (var o in inner.options)
            options.Add((o.Option, (r, record) => set(record, o.Apply(r, get(record)))));
    }

    public IEnumerable<Option> All => options.Select(o => o.Option);

    public void AddTo(Command command)
    {
        foreach (var o in All)
            command.Options.Add(o);
    }

    /// <summary>The record with every option's value applied, in declaration order, starting from the defaults.</summary>
    public T Bind(ParseResult r) => options.Aggregate(defaults, (record, o) => o.Apply(r, record));
}
