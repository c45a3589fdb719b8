using Microsoft.ML.LocalFlow.Tabular;
using Microsoft.ML.LocalFlow.Tabular.Csv;

namespace Microsoft.ML.LocalFlow.Tests.Tabular;

/// <summary>Finds the repository's data folder from the test assembly location (walks up to the .sln).</summary>
internal static class TestData
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Microsoft.ML.LocalFlow.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Microsoft.ML.LocalFlow.sln not found above " + AppContext.BaseDirectory);
    });

    private static readonly Dictionary<string, Table> Cache = new();

    public static string[] Names { get; } = ["iris", "penguins", "wine", "breast_cancer", "diamonds", "faithful"];

    public static string PathOf(string name) => Path.Combine(Root.Value, "data", name + ".csv");

    public static Table Load(string name)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(name, out Table? t))
            {
                t = TableCsv.Read(PathOf(name));
                Cache[name] = t;
            }

            return t;
        }
    }
}
