using System.Diagnostics;
using System.Globalization;
using Microsoft.ML.LocalFlow.Cli.Infrastructure;
using Spectre.Console;

namespace Microsoft.ML.LocalFlow.Cli.Rendering;

/// <summary>
/// Shows fit progress on stderr: a live Spectre display (one bar per block, loss, elapsed, ETA) on a terminal, and
/// plain lines when the output is redirected or CI is set (one at each block change, then at most one every
/// <see cref="PlainInterval"/>), so that logs stay short and readable.
/// </summary>
internal static class FitProgressDisplay
{
    /// <summary>The least time between two plain progress lines within a block.</summary>
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    /// <summary>Runs <paramref name="work"/> while displaying the progress it reports.</summary>
    /// <typeparam name="T">What the work returns.</typeparam>
    /// <param name="context">The invocation's writers and terminal flag.</param>
    /// <param name="work">The fit; it reports through the <see cref="IProgress{T}"/> it is given (any thread).</param>
    /// <param name="quiet">Show nothing.</param>
    /// <returns>What <paramref name="work"/> returned.</returns>
    public static T Run<T>(CliContext context, Func<IProgress<FitProgressView>, T> work, bool quiet)
    {
        if (quiet)
        {
            return work(new NullProgress());
        }

        if (!context.Interactive)
        {
            return work(new PlainProgress(context.Stderr));
        }

        T result = default!;
        context.Error.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new ElapsedTimeColumn(),
                new RemainingTimeColumn(),
                new SpinnerColumn())
            .Start(ctx => result = work(new LiveProgress(ctx)));
        return result;
    }

    /// <summary>Formats one report as a plain line: <c>block 2/4  iteration 1500/3000  loss 0.8123  elapsed 0:12  eta 0:30</c>.</summary>
    internal static string FormatLine(FitProgressView p)
    {
        var line = new System.Text.StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"block {p.Block}/{p.BlockCount}  {p.Phase}");
        if (p.IsIterating)
        {
            line.Append(CultureInfo.InvariantCulture, $"  iteration {p.Iteration}/{p.IterationCount}");
            if (double.IsFinite(p.Loss))
            {
                line.Append(CultureInfo.InvariantCulture, $"  loss {p.Loss:F4}");
            }

            if (p.ValidationLoss is double v && double.IsFinite(v))
            {
                line.Append(CultureInfo.InvariantCulture, $"  val {v:F4}");
            }
        }

        line.Append("  elapsed ").Append(FormatDuration(p.Elapsed));
        if (p.Eta is TimeSpan eta)
        {
            line.Append("  eta ").Append(FormatDuration(eta));
        }

        return line.ToString();
    }

    /// <summary><c>m:ss</c> below an hour, <c>h:mm:ss</c> above.</summary>
    internal static string FormatDuration(TimeSpan t) => t.TotalHours >= 1
        ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : $"{(int)t.TotalMinutes}:{t.Seconds:00}";

    private sealed class NullProgress : IProgress<FitProgressView>
    {
        public void Report(FitProgressView value)
        {
        }
    }

    private sealed class PlainProgress(TextWriter writer) : IProgress<FitProgressView>
    {
        private readonly Lock _gate = new();
        private readonly Stopwatch _sinceLastLine = Stopwatch.StartNew();
        private int _lastBlock;
        private string _lastPhase = "";

        public void Report(FitProgressView value)
        {
            lock (_gate)
            {
                bool changed = value.Block != _lastBlock || value.Phase != _lastPhase;
                bool blockDone = value.IsIterating && value.Iteration >= value.IterationCount;
                if (!changed && !blockDone && _sinceLastLine.Elapsed < PlainInterval)
                {
                    return;
                }

                _lastBlock = value.Block;
                _lastPhase = value.Phase;
                _sinceLastLine.Restart();
                writer.WriteLine(FormatLine(value));
                writer.Flush();
            }
        }
    }

    private sealed class LiveProgress(ProgressContext context) : IProgress<FitProgressView>
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<int, ProgressTask> _tasks = [];
        private readonly Dictionary<int, double> _lastLoss = [];

        public void Report(FitProgressView value)
        {
            lock (_gate)
            {
                if (!_tasks.TryGetValue(value.Block, out ProgressTask? task))
                {
                    // A new block starts: the previous ones are finished (early stopping may have ended them short).
                    foreach (ProgressTask previous in _tasks.Values)
                    {
                        previous.Value = previous.MaxValue;
                        previous.StopTask();
                    }

                    task = context.AddTask($"block {value.Block}/{value.BlockCount}", maxValue: Math.Max(1, value.IterationCount));
                    _tasks[value.Block] = task;
                }

                task.MaxValue = Math.Max(1, value.IterationCount);
                task.Value = Math.Min(value.Iteration, value.IterationCount);
                // Push-forward and completion reports carry no loss: keep showing the block's last training loss.
                if (value.IsIterating && double.IsFinite(value.Loss))
                {
                    _lastLoss[value.Block] = value.Loss;
                }

                string loss = _lastLoss.TryGetValue(value.Block, out double last) ? last.ToString("F4", CultureInfo.InvariantCulture) : "-";
                string validation = value.ValidationLoss is double v && double.IsFinite(v)
                    ? " val " + v.ToString("F4", CultureInfo.InvariantCulture)
                    : "";
                string eta = value.Eta is TimeSpan e ? " eta " + FormatDuration(e) : "";
                task.Description = Markup.Escape($"block {value.Block}/{value.BlockCount} {value.Phase,-12} loss {loss}{validation}{eta}");
            }
        }
    }
}
