using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Microsoft.ML.LocalFlow.Cli.Rendering;

/// <summary>
/// Writes <c>--json</c> output: indented, snake_case names, enums as strings, NaN/±Infinity as the strings "NaN",
/// "Infinity", "-Infinity" (JSON has no literal for them). The schema is documented in docs/cli.md.
/// </summary>
internal static class JsonOutput
{
    /// <summary>The serializer settings every command uses.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null, // dictionary keys are column names: keep them as the CSV header has them
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Writes <paramref name="node"/> and a final newline.</summary>
    public static void Write(JsonNode node, TextWriter writer)
    {
        writer.WriteLine(node.ToJsonString(Options));
        writer.Flush();
    }

    /// <summary>Serializes <paramref name="value"/> with <see cref="Options"/> into a node (to add fields before writing).</summary>
    public static JsonNode ToNode<T>(T value) => JsonSerializer.SerializeToNode(value, Options) ?? new JsonObject();
}
