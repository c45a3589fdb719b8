namespace Microsoft.ML.LocalFlow.PerformanceTests;

public static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("usage: quick [--threads N] [--case NAME] | bdn [BenchmarkDotNet args]");
        return 2;
    }
}
