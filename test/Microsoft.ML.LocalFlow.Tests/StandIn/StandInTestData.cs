namespace Microsoft.ML.LocalFlow.Tests.StandIn;

/// <summary>Locates files of the repository (data/*.csv) and of the test output (mlnet-api.md).</summary>
internal static class StandInTestData
{
    internal static string RepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
                return candidate;
        }
        throw new FileNotFoundException($"'{relative}' not found above {AppContext.BaseDirectory}.");
    }

    internal static string Iris => RepoFile(Path.Combine("data", "iris.csv"));

    internal static string Penguins => RepoFile(Path.Combine("data", "penguins.csv"));

    internal static string ApiDocument => Path.Combine(AppContext.BaseDirectory, "StandIn", "mlnet-api.md");

    internal static string TempFile(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), "standin-" + Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllText(path, content);
        return path;
    }
}
