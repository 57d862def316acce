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
