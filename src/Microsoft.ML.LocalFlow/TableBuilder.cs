using System.Globalization;
using Microsoft.ML.Data;
using Microsoft.ML.LocalFlow.Tabular;

namespace Microsoft.ML.LocalFlow;

/// <summary>
/// Reads the modelled columns of an <see cref="IDataView"/> into a <see cref="Table"/>, one cursor pass.
/// Missing values: NaN in Single/Double, empty text, key value 0. Integer, Boolean and DateTime columns have no missing value in ML.NET.
/// </summary>
internal static class TableBuilder
{
    /// <summary>Rows a <see cref="Table"/> can hold.</summary>
    internal const long MaxRows = int.MaxValue;

    /// <summary>Reads every row of <paramref name="data"/>.</summary>
    /// <exception cref="InvalidOperationException">The cursor failed (the original exception is the inner one), or the data is empty or too long.</exception>
    /// <exception cref="ArgumentException">A value does not fit the column's kind (e.g. a fraction in a column declared Integer); the message names the column and row.</exception>
    internal static Table Read(IDataView data, IReadOnlyList<ColumnBinding> bindings, CancellationToken cancellationToken = default)
    {
        using var reader = new Reader(data, bindings);
        return reader.Next(MaxRows, cancellationToken)
            ?? throw new InvalidOperationException("The input has no rows; LocalFlowMatching needs data to learn from.");
    }

    /// <summary>Checks that <paramref name="schema"/> has every bound column with the bound type.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A column is absent; the message names it.</exception>
    /// <exception cref="ArgumentException">A column has another type; the message names it and both types.</exception>
    internal static DataViewSchema.Column[] Find(DataViewSchema schema, IReadOnlyList<ColumnBinding> bindings, string parameterName)
    {
        var columns = new DataViewSchema.Column[bindings.Count];
        for (int i = 0; i < columns.Length; i++)
        {
            ColumnBinding b = bindings[i];
            columns[i] = schema.GetColumnOrNull(b.Name)
                ?? throw new ArgumentOutOfRangeException(parameterName, b.Name,
                    $"Column '{b.Name}' (type {b.Type}), which the model was fitted on, is not in the input; its columns are: {string.Join(", ", schema.Select(c => c.Name))}.");
            if (!columns[i].Type.Equals(b.Type))
            {
                throw new ArgumentException($"Column '{b.Name}' has type {columns[i].Type} in the input, but the model was fitted on {b.Type}.", parameterName);
            }
        }

        return columns;
    }

    /// <summary>Reads a view chunk by chunk through one cursor.</summary>
    internal sealed class Reader : IDisposable
    {
        private readonly DataViewRowCursor _cursor;
        private readonly Accumulator[] _accumulators;
        private long _row;

        internal Reader(IDataView data, IReadOnlyList<ColumnBinding> bindings)
        {
            DataViewSchema.Column[] columns = Find(data.Schema, bindings, nameof(data));
            _cursor = data.GetRowCursor(columns);
            _accumulators = new Accumulator[bindings.Count];
            for (int i = 0; i < _accumulators.Length; i++)
            {
                _accumulators[i] = Accumulator.Create(bindings[i], _cursor, columns[i]);
            }
        }

        /// <summary>The next at most <paramref name="maxRows"/> rows, or null at the end.</summary>
        internal Table? Next(long maxRows, CancellationToken cancellationToken = default)
        {
            long start = _row;
            try
            {
                while (_row - start < maxRows && _cursor.MoveNext())
                {
                    if ((_row & 4095) == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    if (_row - start >= int.MaxValue)
                    {
                        throw new InvalidOperationException($"The input has more than {int.MaxValue} rows; sample it first (e.g. mlContext.Data.TakeRows).");
                    }

                    foreach (Accumulator a in _accumulators)
                    {
                        a.Read();
                    }

                    _row++;
                }
            }
            catch (Exception e) when (e is not (OperationCanceledException or ArgumentException) && !ReferenceEquals(e.Data["LocalFlow"], this))
            {
                // Say where it broke; the original exception stays inside. Nothing has been trained, so nothing half-made escapes.
                var wrapped = new InvalidOperationException($"Reading the input data failed at row {_row + 1}: {e.Message}", e);
                wrapped.Data["LocalFlow"] = this;
                throw wrapped;
            }

            if (_row == start)
            {
                return null;
            }

            return new Table(_accumulators.SelectMany(a => a.Build()));
        }

        public void Dispose() => _cursor.Dispose();
    }

    /// <summary>Collects one column's values.</summary>
    private abstract class Accumulator
    {
        protected Accumulator(ColumnBinding binding) => Binding = binding;

        protected ColumnBinding Binding { get; }

        internal abstract void Read();

        internal abstract IEnumerable<TableColumn> Build();

        internal static Accumulator Create(ColumnBinding b, DataViewRow row, DataViewSchema.Column column)
        {
            if (b.Type is VectorDataViewType vector)
            {
                return VectorAccumulator.Create(b, vector, row, column);
            }

            if (b.Kind == ColumnKind.DateTime)
            {
                return new DateTimeAccumulator(b, row.GetGetter<DateTime>(column));
            }

            if (b.Kind is ColumnKind.Continuous or ColumnKind.Integer)
            {
                return new NumberAccumulator(b, NumberGetter(row, column));
            }

            // Categorical or Boolean: every value becomes its level text.
            return b.Type switch
            {
                TextDataViewType => new TextAccumulator(b, row.GetGetter<ReadOnlyMemory<char>>(column)),
                BooleanDataViewType => new LevelAccumulator<bool>(b, row.GetGetter<bool>(column), v => v ? "true" : "false"),
                KeyDataViewType => KeyAccumulator(b, row, column),
                _ => new LevelAccumulator<double>(b, NumberGetter(row, column), v => double.IsNaN(v) ? null : ColumnBinding.NumberText(v)),
            };
        }

        private static Accumulator KeyAccumulator(ColumnBinding b, DataViewRow row, DataViewSchema.Column column)
        {
            static string? Text(ulong v) => v == 0 ? null : v.ToString(CultureInfo.InvariantCulture);
            return b.RawType switch
            {
                var t when t == typeof(byte) => new LevelAccumulator<byte>(b, row.GetGetter<byte>(column), v => Text(v)),
                var t when t == typeof(ushort) => new LevelAccumulator<ushort>(b, row.GetGetter<ushort>(column), v => Text(v)),
                var t when t == typeof(uint) => new LevelAccumulator<uint>(b, row.GetGetter<uint>(column), v => Text(v)),
                _ => new LevelAccumulator<ulong>(b, row.GetGetter<ulong>(column), Text),
            };
        }

        /// <summary>A getter that reads any number type as double.</summary>
        private static ValueGetter<double> NumberGetter(DataViewRow row, DataViewSchema.Column column)
        {
            Type t = column.Type.RawType;
            if (t == typeof(double))
            {
                return row.GetGetter<double>(column);
            }

            if (t == typeof(float))
            {
                return Convert<float>(row.GetGetter<float>(column), v => v);
            }

            if (t == typeof(int))
            {
                return Convert<int>(row.GetGetter<int>(column), v => v);
            }

            if (t == typeof(long))
            {
                return Convert<long>(row.GetGetter<long>(column), v => v);
            }

            if (t == typeof(short))
            {
                return Convert<short>(row.GetGetter<short>(column), v => v);
            }

            if (t == typeof(sbyte))
            {
                return Convert<sbyte>(row.GetGetter<sbyte>(column), v => v);
            }

            if (t == typeof(byte))
            {
                return Convert<byte>(row.GetGetter<byte>(column), v => v);
            }

            if (t == typeof(ushort))
            {
                return Convert<ushort>(row.GetGetter<ushort>(column), v => v);
            }

            if (t == typeof(uint))
            {
                return Convert<uint>(row.GetGetter<uint>(column), v => v);
            }

            return Convert<ulong>(row.GetGetter<ulong>(column), v => v);
        }

        private static ValueGetter<double> Convert<T>(ValueGetter<T> getter, Func<T, double> convert)
        {
            T value = default!;
            return (ref double result) =>
            {
                getter(ref value);
                result = convert(value);
            };
        }
    }

    private sealed class NumberAccumulator(ColumnBinding binding, ValueGetter<double> getter) : Accumulator(binding)
    {
        private readonly List<double> _values = [];

        internal override void Read()
        {
            double v = 0;
            getter(ref v);
            if (double.IsInfinity(v))
            {
                throw new ArgumentException($"Column '{Binding.Name}' holds {v} at row {_values.Count + 1}; only finite values (or NaN for missing) can be modelled.");
            }

            if (Binding.Kind == ColumnKind.Integer && !double.IsNaN(v) && v != Math.Floor(v))
            {
                throw new ArgumentException(
                    $"Column '{Binding.Name}' is declared Integer but holds {v} at row {_values.Count + 1}; declare it Continuous or round it first.");
            }

            _values.Add(v);
        }

        internal override IEnumerable<TableColumn> Build()
        {
            double[] values = [.. _values];
            _values.Clear();
            return [new NumericColumn(Binding.Name, Binding.Kind, values, Binding.Kind == ColumnKind.Integer ? null : Format(values))];
        }

        /// <summary>
        /// The format of a continuous column: the fewest decimals (up to 6) that reproduce every value at the column's precision,
        /// so that data which came from text keeps its decimal lattice (39.1f stays 39.1, and the encoder dequantises on steps of
        /// 0.1); values that need more are treated as continuous reals (exponent notation, no lattice).
        /// </summary>
        private NumericTextFormat Format(double[] values)
        {
            bool single = Binding.Type == NumberDataViewType.Single;
            int decimals = 0;
            foreach (double v in values)
            {
                if (double.IsNaN(v))
                {
                    continue;
                }

                while (decimals <= 6 && !Same(Math.Round(v, Math.Min(decimals, 6)), v, single))
                {
                    decimals++;
                }

                if (decimals > 6)
                {
                    return new NumericTextFormat(0, false, single ? 9 : 17);
                }
            }

            return new NumericTextFormat(decimals, false, 0);
        }

        private static bool Same(double rounded, double v, bool single) =>
            single ? (float)rounded == (float)v : Math.Abs(rounded - v) <= 1e-12 * Math.Max(1, Math.Abs(v));
    }

    /// <summary>A fixed-size vector of numbers: one numeric table column per slot, named <c>Name[slot]</c>.</summary>
    private sealed class VectorAccumulator : Accumulator
    {
        private readonly Action<double[]> _fetch;
        private readonly double[] _current;
        private readonly NumberAccumulator[] _slots;

        private VectorAccumulator(ColumnBinding binding, int size, Action<double[]> fetch)
            : base(binding)
        {
            _fetch = fetch;
            _current = new double[size];
            _slots = new NumberAccumulator[size];
            for (int i = 0; i < size; i++)
            {
                int slot = i;
                var slotBinding = new ColumnBinding(binding.SlotName(slot), binding.ValueType, binding.Kind, isLabel: false);
                _slots[i] = new NumberAccumulator(slotBinding, (ref double v) => v = _current[slot]);
            }
        }

        internal static VectorAccumulator Create(ColumnBinding b, VectorDataViewType type, DataViewRow row, DataViewSchema.Column column)
        {
            Type t = type.ItemType.RawType;
            if (t == typeof(float))
            {
                return Of<float>(b, type.Size, row.GetGetter<VBuffer<float>>(column), v => v);
            }

            if (t == typeof(double))
            {
                return Of<double>(b, type.Size, row.GetGetter<VBuffer<double>>(column), v => v);
            }

            if (t == typeof(int))
            {
                return Of<int>(b, type.Size, row.GetGetter<VBuffer<int>>(column), v => v);
            }

            if (t == typeof(long))
            {
                return Of<long>(b, type.Size, row.GetGetter<VBuffer<long>>(column), v => v);
            }

            throw new ArgumentException($"Column '{b.Name}' is a vector of {type.ItemType}; vectors of Single, Double, Int32 and Int64 are supported.");
        }

        private static VectorAccumulator Of<T>(ColumnBinding b, int size, ValueGetter<VBuffer<T>> getter, Func<T, double> convert)
        {
            VBuffer<T> buffer = default;
            return new VectorAccumulator(b, size, current =>
            {
                getter(ref buffer);
                if (buffer.Length != size)
                {
                    throw new InvalidOperationException($"Column '{b.Name}' declares {size} slots but a row holds {buffer.Length}.");
                }

                Array.Clear(current); // sparse vectors: absent slots are 0
                ReadOnlySpan<T> values = buffer.GetValues();
                ReadOnlySpan<int> indices = buffer.GetIndices();
                for (int i = 0; i < values.Length; i++)
                {
                    current[buffer.IsDense ? i : indices[i]] = convert(values[i]);
                }
            });
        }

        internal override void Read()
        {
            _fetch(_current);
            foreach (NumberAccumulator slot in _slots)
            {
                slot.Read();
            }
        }

        internal override IEnumerable<TableColumn> Build() => [.. _slots.SelectMany(s => s.Build())];
    }

    private sealed class DateTimeAccumulator(ColumnBinding binding, ValueGetter<DateTime> getter) : Accumulator(binding)
    {
        private readonly List<long> _ticks = [];

        internal override void Read()
        {
            DateTime v = default;
            getter(ref v);
            _ticks.Add(v.Ticks);
        }

        internal override IEnumerable<TableColumn> Build()
        {
            // The coarsest unit that holds every value exactly (sub-millisecond ticks are truncated to milliseconds).
            (DateTimeUnit unit, string format) = (DateTimeUnit.Day, "yyyy-MM-dd");
            foreach (long t in _ticks)
            {
                long sinceEpoch = t - DateTime.UnixEpoch.Ticks;
                if (sinceEpoch % TimeSpan.TicksPerSecond != 0)
                {
                    (unit, format) = (DateTimeUnit.Millisecond, "yyyy-MM-ddTHH:mm:ss.fff");
                    break;
                }

                if (sinceEpoch % TimeSpan.TicksPerMinute != 0)
                {
                    (unit, format) = (DateTimeUnit.Second, "yyyy-MM-ddTHH:mm:ss");
                }
                else if (sinceEpoch % TimeSpan.TicksPerDay != 0 && unit == DateTimeUnit.Day)
                {
                    (unit, format) = (DateTimeUnit.Minute, "yyyy-MM-ddTHH:mm");
                }
            }

            var values = new double[_ticks.Count];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = DateTimeColumn.FromDateTime(new DateTime(_ticks[i]), unit);
            }

            _ticks.Clear();

            return [new DateTimeColumn(Binding.Name, format, unit, values)];
        }
    }

    /// <summary>Categorical values given as text (empty = missing); levels are looked up without allocating a string per row.</summary>
    private sealed class TextAccumulator(ColumnBinding binding, ValueGetter<ReadOnlyMemory<char>> getter) : Accumulator(binding)
    {
        private readonly Dictionary<string, int> _levels = new(StringComparer.Ordinal);
        private readonly List<int> _codes = [];

        internal override void Read()
        {
            ReadOnlyMemory<char> v = default;
            getter(ref v);
            ReadOnlySpan<char> span = v.Span;
            if (span.IsEmpty)
            {
                _codes.Add(-1);
                return;
            }

            var lookup = _levels.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!lookup.TryGetValue(span, out int code))
            {
                code = _levels.Count;
                lookup[span] = code;
            }

            _codes.Add(code);
        }

        internal override IEnumerable<TableColumn> Build() => [BuildCategorical(Binding, _levels, _codes)];
    }

    /// <summary>Categorical values of any other type, mapped to level text (null = missing).</summary>
    private sealed class LevelAccumulator<T>(ColumnBinding binding, ValueGetter<T> getter, Func<T, string?> text) : Accumulator(binding)
        where T : notnull
    {
        private readonly Dictionary<T, int> _codeOf = [];
        private readonly Dictionary<string, int> _levels = new(StringComparer.Ordinal);
        private readonly List<int> _codes = [];

        internal override void Read()
        {
            T v = default!;
            getter(ref v);
            if (!_codeOf.TryGetValue(v, out int code))
            {
                string? level = text(v);
                code = level is null ? -1 : _levels.TryGetValue(level, out int known) ? known : (_levels[level] = _levels.Count);
                _codeOf[v] = code;
            }

            _codes.Add(code);
        }

        internal override IEnumerable<TableColumn> Build() => [BuildCategorical(Binding, _levels, _codes)];
    }

    private static CategoricalColumn BuildCategorical(ColumnBinding b, Dictionary<string, int> levels, List<int> codes)
    {
        var names = new string[levels.Count];
        foreach (var (level, code) in levels)
        {
            names[code] = level;
        }

        ColumnKind kind = b.Kind == ColumnKind.Boolean ? ColumnKind.Boolean : ColumnKind.Categorical;
        int[] taken = [.. codes];
        codes.Clear(); // the levels stay: later chunks keep the same codes
        return new CategoricalColumn(b.Name, kind, names, taken);
    }
}
