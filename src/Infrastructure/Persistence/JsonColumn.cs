using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NotesSync.Infrastructure.Persistence;

/// <summary>
/// Stores a value object or a small collection of them as one JSON column. The domain keeps its private setters
/// and constructors: the serializer reaches them here, so persistence stays out of the domain.
/// </summary>
internal static class JsonColumn
{
    public static readonly JsonSerializerOptions Options = new()
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { IncludePrivateMembers } },
        Converters = { new JsonStringEnumConverter() },
    };

    public static PropertyBuilder<T> AsJson<T>(this PropertyBuilder<T> property)
    {
        var comparer = new ValueComparer<T>(
            (a, b) => Serialize(a) == Serialize(b),
            v => Serialize(v).GetHashCode(StringComparison.Ordinal),
            v => Deserialize<T>(Serialize(v)));
        return property.HasConversion(v => Serialize(v), v => Deserialize<T>(v), comparer);
    }

    /// <summary>
    /// A dictionary of plain values as one JSON column, compared entry by entry. EF compares every tracked entity's
    /// column with its snapshot at each save: a run keeps thousands of links tracked and saves often, so comparing by
    /// serialising both (as <see cref="AsJson{T}"/> does) made each save cost a serialisation per link.
    /// </summary>
    public static PropertyBuilder<Dictionary<TKey, TValue>> AsJsonDictionary<TKey, TValue>(this PropertyBuilder<Dictionary<TKey, TValue>> property)
        where TKey : notnull
    {
        var comparer = new ValueComparer<Dictionary<TKey, TValue>>(
            (a, b) => SameEntries(a, b),
            v => v.Count,
            v => new Dictionary<TKey, TValue>(v, v.Comparer));
        return property.HasConversion(v => Serialize(v), v => Deserialize<Dictionary<TKey, TValue>>(v), comparer);
    }

    private static bool SameEntries<TKey, TValue>(Dictionary<TKey, TValue>? a, Dictionary<TKey, TValue>? b)
        where TKey : notnull
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is null || b is null || a.Count != b.Count) return false;
        foreach (var (key, value) in a)
            if (!b.TryGetValue(key, out var other) || !EqualityComparer<TValue>.Default.Equals(value, other)) return false;
        return true;
    }

    private static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    private static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)!;

    private static void IncludePrivateMembers(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object) return;

        if (type.CreateObject is null && type.Type.GetConstructor(
                BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public, Type.EmptyTypes) is { } ctor)
            type.CreateObject = () => ctor.Invoke(null);

        foreach (var property in type.Properties)
        {
            if (property.Set is not null || property.AttributeProvider is not PropertyInfo info) continue;
            if (info.GetSetMethod(nonPublic: true) is { } setter)
                property.Set = (target, value) => setter.Invoke(target, [value]);
        }
    }
}
