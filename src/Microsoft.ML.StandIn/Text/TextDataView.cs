using System.Globalization;
using Microsoft.ML.Runtime;

namespace Microsoft.ML.Data;

/// <summary>
/// The lazy view a <see cref="TextLoader"/> returns: each cursor opens the files in order and parses line by line
/// (header lines, blank lines and leading <c>#@</c> schema lines are skipped). The row count is unknown (null) until read.
/// </summary>
internal sealed class TextDataView : IDataView
{
    private readonly IHostEnvironment _env;
    private readonly TextLoader.Options _options;
    private readonly TextColumnBinding[] _bindings;
    private readonly IMultiStreamSource _source;

    internal TextDataView(IHostEnvironment env, TextLoader.Options options, TextColumnBinding[] bindings, DataViewSchema schema, IMultiStreamSource source)
    {
        _env = env;
        _options = options;
        _bindings = bindings;
        Schema = schema;
        _source = source;
    }

    public bool CanShuffle => false;

    public DataViewSchema Schema { get; }

    public long? GetRowCount() => null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
        => new Cursor(this, columnsNeeded);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
        => [GetRowCursor(columnsNeeded, rand)];

    private abstract class Slot
    {
        internal long BadValues;

        internal abstract void Fill(List<ReadOnlyMemory<char>> fields);

        internal abstract Delegate Getter { get; }
    }

    private sealed class ScalarSlot<T> : Slot
    {
        private readonly FieldParser<T> _parse;
        private readonly int _field;
        private readonly T _missing;
        private T _value = default!;

        internal ScalarSlot(TextColumnBinding binding, TextLoader.Options options, NumberFormatInfo format)
        {
            _parse = TextValueParser.For<T>(binding, format);
            _field = binding.Fields[0];
            _missing = TextValueParser.Missing<T>(options.MissingRealsAsNaNs);
            Getter = (ValueGetter<T>)((ref T v) => v = _value);
        }

        internal override Delegate Getter { get; }

        internal override void Fill(List<ReadOnlyMemory<char>> fields)
        {
            if (_field >= fields.Count)
            {
                _value = _missing;
                return;
            }
            var memory = fields[_field];
            if (typeof(T) == typeof(ReadOnlyMemory<char>))
            {
                _value = (T)(object)memory;
                return;
            }
            if (!_parse(memory.Span, out _value))
                BadValues++;
        }
    }

    private sealed class TextScalarSlot : Slot
    {
        private readonly int _field;
        private ReadOnlyMemory<char> _value;

        internal TextScalarSlot(TextColumnBinding binding)
        {
            _field = binding.Fields[0];
            Getter = (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> v) => v = _value);
        }

        internal override Delegate Getter { get; }

        internal override void Fill(List<ReadOnlyMemory<char>> fields)
            => _value = _field < fields.Count ? fields[_field] : ReadOnlyMemory<char>.Empty;
    }

    private sealed class VectorSlot<T> : Slot
    {
        private readonly FieldParser<T>? _parse;
        private readonly int[] _fields;
        private readonly T _missing;
        private readonly T[] _values;

        internal VectorSlot(TextColumnBinding binding, TextLoader.Options options, NumberFormatInfo format)
        {
            _parse = typeof(T) == typeof(ReadOnlyMemory<char>) ? null : TextValueParser.For<T>(binding, format);
            _fields = binding.Fields;
            _missing = TextValueParser.Missing<T>(options.MissingRealsAsNaNs);
            _values = new T[_fields.Length];
            // Each call copies the row's values into the caller's buffer (reused when large enough, as ML.NET getters do).
            Getter = (ValueGetter<VBuffer<T>>)((ref VBuffer<T> v) => VBuffer<T>.Copy(_values, 0, ref v, _values.Length));
        }

        internal override Delegate Getter { get; }

        internal override void Fill(List<ReadOnlyMemory<char>> fields)
        {
            for (int i = 0; i < _fields.Length; i++)
            {
                int f = _fields[i];
                if (f >= fields.Count)
                    _values[i] = _missing;
                else if (_parse is null)
                    _values[i] = (T)(object)fields[f];
                else if (!_parse(fields[f].Span, out _values[i]))
                    BadValues++;
            }
        }
    }

    private sealed class Cursor : RowCursorBase
    {
        private readonly TextDataView _parent;
        private readonly Slot?[] _slots;
        private readonly List<ReadOnlyMemory<char>> _fields = [];
        private int _fileIndex = -1;
        private TextReader? _reader;
        private bool _inPreamble;
        private long _rows;
        private long _lineNumber;
        private long _quotingErrors;

        internal Cursor(TextDataView parent, IEnumerable<DataViewSchema.Column> columnsNeeded)
            : base(parent.Schema, columnsNeeded)
        {
            _parent = parent;
            var format = TextColumnBinding.NumberFormat(parent._options.DecimalMarker);
            _slots = new Slot?[parent._bindings.Length];
            for (int i = 0; i < _slots.Length; i++)
            {
                if (!IsActive(i))
                    continue;
                var b = parent._bindings[i];
                var raw = b.ItemType.RawType;
                Type slotType = b.IsVector ? typeof(VectorSlot<>).MakeGenericType(raw)
                    : raw == typeof(ReadOnlyMemory<char>) ? typeof(TextScalarSlot)
                    : typeof(ScalarSlot<>).MakeGenericType(raw);
                _slots[i] = slotType == typeof(TextScalarSlot)
                    ? new TextScalarSlot(b)
                    : (Slot)Activator.CreateInstance(slotType, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance,
                        null, [b, parent._options, format], null)!;
            }
        }

        protected override bool MoveNextCore()
        {
            var options = _parent._options;
            if (options.MaxRows is long max && _rows >= max)
                return false;
            while (true)
            {
                if (_reader is null)
                {
                    if (++_fileIndex >= _parent._source.Count)
                        return false;
                    _reader = _parent._source.OpenTextReader(_fileIndex);
                    _inPreamble = true;
                    _lineNumber = 0;
                    if (options.HasHeader)
                    {
                        // The header is the first line that is not a "#@" schema line.
                        while (_reader.ReadLine() is { } header)
                        {
                            _lineNumber++;
                            if (!header.StartsWith("#@", StringComparison.Ordinal))
                                break;
                        }
                        _inPreamble = false;
                    }
                }
                var line = _reader.ReadLine();
                if (line is null)
                {
                    _reader.Dispose();
                    _reader = null;
                    continue;
                }
                _lineNumber++;
                if (_inPreamble && line.StartsWith("#@", StringComparison.Ordinal))
                    continue;
                _inPreamble = false;
                if (string.IsNullOrWhiteSpace(line))
                    continue;
                if (!LineSplitter.Split(line, options, _fields))
                    _quotingErrors++;
                foreach (var slot in _slots)
                    slot?.Fill(_fields);
                _rows++;
                return true;
            }
        }

        protected override ValueGetter<TValue> GetGetterCore<TValue>(int columnIndex) => (ValueGetter<TValue>)_slots[columnIndex]!.Getter;

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _reader?.Dispose();
                _reader = null;
                long bad = _slots.Sum(s => s?.BadValues ?? 0);
                if (bad > 0 || _quotingErrors > 0)
                {
                    using var ch = _parent._env.Start("TextLoader");
                    ch.Warning(MessageSensitivity.None,
                        "Processed {0} rows with {1} bad values and {2} unterminated quoted fields; bad reals read as NaN, other bad values as default.",
                        _rows, bad, _quotingErrors);
                }
            }
            base.Dispose(disposing);
        }
    }
}
