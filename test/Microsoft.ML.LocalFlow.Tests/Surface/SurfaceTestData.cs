using Microsoft.ML.Data;
using Microsoft.ML.LocalFlow.Flow.Schedules;
using Microsoft.ML.LocalFlow.Numerics.Ode;

namespace Microsoft.ML.LocalFlow.Tests.Surface;

/// <summary>Small tables and tiny settings, so every surface test trains in about a second.</summary>
internal static class SurfaceTestData
{
    public sealed class MixedRow
    {
        public float X { get; set; }

        public double Y { get; set; }

        public int Count { get; set; }

        public bool Flag { get; set; }

        public string Color { get; set; } = string.Empty;
    }

    public sealed class PointRow
    {
        public float A { get; set; }

        public float B { get; set; }
    }

    public sealed class ClassRow
    {
        public float A { get; set; }

        public float B { get; set; }

        public string Label { get; set; } = string.Empty;
    }

    /// <summary>Mixed types: Y ≈ 2X + noise, Count ≈ 5 + X, Flag = X &gt; 0, Color by X's sign; some NaN in X.</summary>
    public static List<MixedRow> Mixed(int rows, int seed = 7)
    {
        var rng = new Random(seed);
        var list = new List<MixedRow>(rows);
        for (int i = 0; i < rows; i++)
        {
            double x = Gaussian(rng);
            list.Add(new MixedRow
            {
                X = i % 25 == 3 ? float.NaN : (float)Math.Round(x, 2),
                Y = (2 * x) + (0.3 * Gaussian(rng)),
                Count = (int)Math.Round(5 + (2 * x)),
                Flag = x > 0,
                Color = x > 0.5 ? "red" : x < -0.5 ? "blue" : "green",
            });
        }

        return list;
    }

    /// <summary>A correlated 2-D Gaussian: A ~ N(0, 1), B = 0.8 A + 0.6 ε, so Σ = [[1, 0.8], [0.8, 1]].</summary>
    public static List<PointRow> Gaussian2D(int rows, int seed = 11)
    {
        var rng = new Random(seed);
        var list = new List<PointRow>(rows);
        for (int i = 0; i < rows; i++)
        {
            double a = Gaussian(rng);
            list.Add(new PointRow { A = (float)a, B = (float)((0.8 * a) + (0.6 * Gaussian(rng))) });
        }

        return list;
    }

    /// <summary>The differential entropy of <see cref="Gaussian2D"/>: ½ log((2πe)² det Σ), det Σ = 0.36.</summary>
    public static double Gaussian2DEntropy => 0.5 * Math.Log(Math.Pow(2 * Math.PI * Math.E, 2) * 0.36);

    /// <summary>Two well-separated classes, "common" (90 %) around (−2, −2) and "rare" (10 %) around (2, 2).</summary>
    public static List<ClassRow> Imbalanced(int rows, int seed = 5)
    {
        var rng = new Random(seed);
        var list = new List<ClassRow>(rows);
        for (int i = 0; i < rows; i++)
        {
            bool rare = i % 10 == 0;
            double c = rare ? 2 : -2;
            list.Add(new ClassRow { A = (float)(c + (0.5 * Gaussian(rng))), B = (float)(c + (0.5 * Gaussian(rng))), Label = rare ? "rare" : "common" });
        }

        return list;
    }

    /// <summary>Settings small enough for a unit test: 2 blocks of a 16×2 network, 40 iterations each, cheap solvers, one thread.</summary>
    public static LocalFlowMatchingOptions Quick(int iterations = 40) => new()
    {
        StepSizes = StepSizeSchedule.Explicit([0.5], lastFree: true),
        HiddenWidth = 16,
        HiddenLayers = 2,
        IterationsPerBlock = iterations,
        BatchSize = 64,
        LearningRate = 5e-3,
        NumberOfThreads = 1,
        ChunkRows = 256,
        SamplingSolver = OdeSolverOptions.Fixed(OdeSolverKind.Rk4, 2),
        LikelihoodSolver = OdeSolverOptions.Fixed(OdeSolverKind.Rk4, 4),
        PushForwardSolver = OdeSolverOptions.Fixed(OdeSolverKind.Rk4, 2),
        Seed = 3,
    };

    /// <summary>The rows of <paramref name="view"/> as text, one string per row, read through a cursor with every column.</summary>
    public static List<string> Rows(IDataView view, int max = int.MaxValue)
    {
        var rows = new List<string>();
        using var cursor = view.GetRowCursor(view.Schema);
        var getters = view.Schema.Select(c => Reader(cursor, c)).ToArray();
        while (rows.Count < max && cursor.MoveNext())
        {
            rows.Add(string.Join("|", getters.Select(g => g())));
        }

        return rows;
    }

    private static Func<string> Reader(DataViewRowCursor cursor, DataViewSchema.Column column)
    {
        Func<string> Make<T>(Func<T, string> format)
        {
            var getter = cursor.GetGetter<T>(column);
            T value = default!;
            return () =>
            {
                getter(ref value);
                return format(value);
            };
        }

        return column.Type switch
        {
            TextDataViewType => Make<ReadOnlyMemory<char>>(v => v.ToString()),
            VectorDataViewType { ItemType: var item } when item == NumberDataViewType.Single => Make<VBuffer<float>>(v => string.Join(",", v.DenseValues().Select(x => x.ToString("R")))),
            BooleanDataViewType => Make<bool>(v => v ? "true" : "false"),
            DateTimeDataViewType => Make<DateTime>(v => v.ToString("O")),
            var t when t == NumberDataViewType.Single => Make<float>(v => v.ToString("R")),
            var t when t == NumberDataViewType.Double => Make<double>(v => v.ToString("R")),
            var t when t == NumberDataViewType.Int32 => Make<int>(v => v.ToString()),
            var t when t == NumberDataViewType.Int64 => Make<long>(v => v.ToString()),
            _ => throw new NotSupportedException(column.Type.ToString()),
        };
    }

    private static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
