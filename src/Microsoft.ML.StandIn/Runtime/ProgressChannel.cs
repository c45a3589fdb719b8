using System.Globalization;
using System.Text;

namespace Microsoft.ML.Runtime;

/// <summary>
/// A progress channel. ML.NET's MLContext does not print progress; the stand-in turns each <see cref="Checkpoint"/>
/// into a <see cref="ChannelMessageKind.Trace"/> log message "units: a/b, metrics: m=v" so progress is observable.
/// </summary>
internal sealed class ProgressChannel : IProgressChannel, IProgressEntry
{
    private readonly LogSink _sink;
    private readonly string _name;
    private ProgressHeader _header = new([], []);
    private Action<IProgressEntry>? _fill;
    private double?[] _progress = [];
    private double?[] _limits = [];
    private double?[] _metrics = [];

    internal ProgressChannel(LogSink sink, string name)
    {
        _sink = sink;
        _name = name;
    }

    public void SetHeader(ProgressHeader header, Action<IProgressEntry> fillAction)
    {
        ArgumentNullException.ThrowIfNull(header);
        _header = header;
        _fill = fillAction;
        _progress = new double?[header.UnitNames.Count];
        _limits = new double?[header.UnitNames.Count];
        _metrics = new double?[header.MetricNames.Count];
    }

    public void Checkpoint(params double?[] values)
    {
        Array.Clear(_progress);
        Array.Clear(_limits);
        Array.Clear(_metrics);
        _fill?.Invoke(this);
        values ??= [];
        // Values list the metrics first, then the units, as in ML.NET.
        for (int i = 0; i < values.Length; i++)
        {
            if (i < _metrics.Length)
                _metrics[i] = values[i] ?? _metrics[i];
            else if (i - _metrics.Length < _progress.Length)
                _progress[i - _metrics.Length] = values[i] ?? _progress[i - _metrics.Length];
        }
        var sb = new StringBuilder();
        for (int i = 0; i < _progress.Length; i++)
        {
            sb.Append(i == 0 ? string.Empty : ", ").Append(_header.UnitNames[i]).Append(": ").Append(Format(_progress[i]));
            if (_limits[i] is double lim)
                sb.Append('/').Append(Format(lim));
        }
        for (int i = 0; i < _metrics.Length; i++)
            sb.Append(sb.Length == 0 ? string.Empty : ", ").Append(_header.MetricNames[i]).Append('=').Append(Format(_metrics[i]));
        _sink(_name, ChannelMessageKind.Trace, sb.ToString());
    }

    public IProgressChannel StartProgressChannel(string name) => new ProgressChannel(_sink, _name + "; " + name);

    public void SetProgress(int index, double value) => _progress[index] = value;

    public void SetProgress(int index, double value, double lim)
    {
        _progress[index] = value;
        _limits[index] = lim;
    }

    public void SetMetric(int index, double value) => _metrics[index] = value;

    public void Dispose()
    {
    }

    private static string Format(double? value) => value?.ToString("G6", CultureInfo.InvariantCulture) ?? "?";
}
